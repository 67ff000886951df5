package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.ScriptedAgent;

/**
 * Requests that cannot wait forever, and a silent agent noticed: per-request deadlines (default and per call), streams
 * whose deadline moves with each answer, subscriptions without a deadline once accepted, liveness probes, and a write
 * stuck on a full socket released by the liveness check. Against a scripted agent on a real loopback socket.
 */
@Timeout(60)
class DeadlineIT {
    private static final String URI = "scratch.ns/deadline/test";

    private ScriptedAgent agent;
    private BosswaveClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    /** An agent that answers helo and then whatever {@code answer} decides, one frame at a time. */
    private interface Answer {
        void on(ScriptedAgent.Session s, Frame f) throws Exception;
    }

    private static ScriptedAgent.Script serving(Answer answer) {
        return s -> {
            s.hello();
            for (Frame f = s.read(); f != null; f = s.read()) {
                answer.on(s, f);
            }
        };
    }

    @Test
    void anUnansweredRequestFailsAtItsDeadlineNamingItAndTheConnectionStaysUsable() throws Exception {
        agent = new ScriptedAgent(serving((s, f) -> {
            if (f.command().equals("publ") && "drop".equals(new String(f.pos().get(0).content()))) {
                return; // never answered
            }
            s.ok(f);
        }));
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .requestTimeout(Duration.ofMillis(400)).build());
        long t0 = System.nanoTime();
        RequestTimeoutException e = assertThrows(RequestTimeoutException.class, () -> client.publish(
                PublishParams.uri(URI).payload(PayloadObject.of(PoNum.STRING, "drop".getBytes()))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 390 && ms < 3_000, "failed after " + ms + " ms; deadline 400 ms");
        assertEquals(Duration.ofMillis(400), e.timeout());
        assertTrue(e.getMessage().contains("'publish to " + URI + "'") && e.getMessage().contains("within 400 ms")
                && e.getMessage().contains(agent.address()), e.getMessage());
        // Same connection, next request answered.
        client.publish(PublishParams.uri(URI).payload(PayloadObject.of(PoNum.STRING, "keep".getBytes())));
    }

    @Test
    void aCallsOwnDeadlineOverridesTheDefault() throws Exception {
        agent = new ScriptedAgent(serving((s, f) -> { }));
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .requestTimeout(Duration.ofSeconds(30)).build());
        long t0 = System.nanoTime();
        RequestTimeoutException e = assertThrows(RequestTimeoutException.class,
                () -> client.query(QueryParams.uri(URI + "/+").timeout(Duration.ofMillis(200))));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms < 5_000, "the 200 ms deadline was not used: " + ms + " ms");
        assertTrue(e.getMessage().contains("'query " + URI + "/+'"), e.getMessage());
        CompletableFuture<Void> async = client.publishAsync(PublishParams.uri(URI).timeout(Duration.ofMillis(200)));
        Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> async.get(10, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(RequestTimeoutException.class, cause);
    }

    @Test
    void aStreamThatKeepsAnsweringIsNotCutButASilentOneIs() throws Exception {
        agent = new ScriptedAgent(serving((s, f) -> {
            if (f.command().equals("quer")) {
                s.okNonFinal(f);
                for (int i = 0; i < 5; i++) {
                    Thread.sleep(150);
                    s.result(f, URI + "/" + i, PayloadObject.of(PoNum.STRING, ("m" + i).getBytes()));
                }
                if (f.kv("uri").endsWith("/stall")) {
                    return; // never finished
                }
                s.finished(f);
            }
        }));
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .requestTimeout(Duration.ofMillis(400)).build());
        // 5 answers 150 ms apart: 750 ms in all, each within the 400 ms deadline of the one before.
        List<Message> all = client.query(QueryParams.uri(URI + "/+"));
        assertEquals(5, all.size());
        RequestTimeoutException e = assertThrows(RequestTimeoutException.class,
                () -> client.query(QueryParams.uri(URI + "/stall")));
        assertTrue(e.getMessage().contains("query " + URI + "/stall"), e.getMessage());
    }

    @Test
    void anAcceptedSubscriptionHasNoDeadlineAndTheAgentIsProbedWhileQuiet() throws Exception {
        AtomicInteger probes = new AtomicInteger();
        agent = new ScriptedAgent(serving((s, f) -> {
            switch (f.command()) {
                case "subs" -> s.subscribed(f, "aGFuZGxlLWhhbmRsZS0xMg==");
                case "bcip" -> {
                    probes.incrementAndGet();
                    s.send(Frame.builder("resp", f.seqNo()).kv("status", "okay").kv("finished", "true").build());
                }
                default -> s.ok(f);
            }
        }));
        List<ConnectionListener.Event> events = new java.util.concurrent.CopyOnWriteArrayList<>();
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .requestTimeout(Duration.ofMillis(300)).liveness(Duration.ofMillis(200), Duration.ofMillis(300))
                .build());
        client.addConnectionListener((ev, detail) -> events.add(ev));
        Subscription sub = client.subscribe(SubscribeParams.uri(URI + "/*"), m -> { });
        Thread.sleep(2_000); // well past every deadline: quiet, but the agent answers its probes
        assertTrue(probes.get() >= 2, "probes sent while quiet: " + probes.get());
        assertTrue(events.isEmpty(), "connection events: " + events);
        assertTrue(!sub.ended().isDone(), "the subscription is still live");
        client.publish(PublishParams.uri(URI));
    }

    @Test
    void aSilentAgentIsNoticedWithinLivenessIntervalPlusTimeoutAndTheClientReconnectsAndResubscribes()
            throws Exception {
        AtomicInteger sessionNo = new AtomicInteger();
        LinkedBlockingQueue<String> subscribedIn = new LinkedBlockingQueue<>();
        CountDownLatch gone = new CountDownLatch(1);
        agent = new ScriptedAgent(s -> {
            int n = sessionNo.incrementAndGet();
            s.hello();
            for (Frame f = s.read(); f != null; f = s.read()) {
                if (f.command().equals("subs")) {
                    subscribedIn.add("session " + n);
                    s.subscribed(f, "aGFuZGxlLWhhbmRsZS0xMg==");
                } else if (n == 1) {
                    // The first session plays a stopped router: it reads, never answers.
                    gone.await(20, TimeUnit.SECONDS);
                } else {
                    s.send(Frame.builder("resp", f.seqNo()).kv("status", "okay").kv("finished", "true").build());
                }
            }
        });
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        client = Bosswave.connect(ClientOptions.builder().address(agent.address()).autoReconnect(true)
                .reconnectDelays(Duration.ofMillis(20), Duration.ofMillis(100))
                .liveness(Duration.ofMillis(300), Duration.ofMillis(300)).build());
        client.addConnectionListener((ev, detail) -> events.add(ev + ": " + detail));
        client.subscribe(SubscribeParams.uri(URI + "/*"), m -> { });
        assertEquals("session 1", subscribedIn.poll(5, TimeUnit.SECONDS));
        long t0 = System.nanoTime();
        String lost = events.poll(10, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        gone.countDown();
        assertTrue(lost != null && lost.startsWith("DISCONNECTED") && lost.contains("liveness probe"),
                "event: " + lost);
        assertTrue(ms < 3_000, "noticed after " + ms + " ms; interval + timeout is 600 ms");
        assertEquals("session 2", subscribedIn.poll(10, TimeUnit.SECONDS));
        String back = events.poll(10, TimeUnit.SECONDS);
        assertTrue(back != null && back.startsWith("RECONNECTED") && back.contains("1 subscription(s) restored"),
                "event: " + back);
    }

    @Test
    void aWriteStuckOnAFullSocketIsReleasedWhenTheAgentIsDeclaredLost() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        agent = new ScriptedAgent(s -> {
            s.hello();
            release.await(30, TimeUnit.SECONDS); // never reads again: the client's socket buffer fills
        });
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .liveness(Duration.ofMillis(300), Duration.ofMillis(300)).build());
        byte[] big = new byte[32 << 20];
        long t0 = System.nanoTime();
        try {
            BosswaveException e = assertThrows(BosswaveException.class,
                    () -> client.publish(PublishParams.uri(URI).payload(PayloadObject.of(PoNum.STRING, big))));
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertInstanceOf(ConnectionClosedException.class, e, e.toString());
            assertTrue(ms < 10_000, "released after " + ms + " ms");
        } finally {
            release.countDown();
        }
    }
}
