package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.internal.DefaultBosswaveClient;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.ScriptedAgent;

/** The client against a scripted fake agent over real loopback sockets: hello, replies, streams, failures. */
class ClientIT {
    private static final String URI = "scratch.ns/bwref/test";

    private ScriptedAgent agent;
    private BosswaveClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (agent != null) {
            agent.close();
            assertTrue(agent.failures().isEmpty(), "agent script failures: " + agent.failures());
        }
    }

    private BosswaveClient connect(ScriptedAgent.Script script) throws IOException {
        agent = new ScriptedAgent(script);
        client = Bosswave.connect(ClientOptions.builder().address(agent.address())
                .helloTimeout(Duration.ofSeconds(2)).build());
        return client;
    }

    private static void untilClosed(ScriptedAgent.Session s) throws IOException {
        while (s.read() != null) {
            // drain until the client closes
        }
    }

    // ------------------------------------------------------------------ hello

    @Test
    void helloGivesTheAgentVersion() throws Exception {
        connect(s -> {
            s.hello("2.4.15 'Hadron'");
            untilClosed(s);
        });
        assertEquals("2.4.15 'Hadron'", client.agentVersion());
    }

    @Test
    void missingHelloTimesOut() throws Exception {
        agent = new ScriptedAgent(ClientIT::untilClosed);
        long t0 = System.nanoTime();
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> Bosswave.connect(
                ClientOptions.builder().address(agent.address()).helloTimeout(Duration.ofMillis(300)).build()));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(e.getMessage().contains("no helo") && e.getMessage().contains(agent.address()), e.getMessage());
        assertTrue(ms >= 250 && ms < 5000, "waited " + ms + " ms");
    }

    @Test
    void wrongFirstFrameFailsTheConnection() throws Exception {
        agent = new ScriptedAgent(s -> {
            s.send(Frame.builder("resp", 1).kv("status", "okay").build());
            untilClosed(s);
        });
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> Bosswave.connect(agent.address()));
        assertTrue(e.getMessage().contains("sent 'resp' as its first frame; expected 'helo'"), e.getMessage());
    }

    @Test
    void helloWithoutVersionFailsTheConnection() throws Exception {
        agent = new ScriptedAgent(s -> {
            s.send(Frame.builder("helo", 5).build());
            untilClosed(s);
        });
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> Bosswave.connect(agent.address()));
        assertTrue(e.getMessage().contains("without the 'version' kv"), e.getMessage());
    }

    @Test
    void agentClosingBeforeHelloFailsTheConnection() throws Exception {
        agent = new ScriptedAgent(ScriptedAgent.Session::close);
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> Bosswave.connect(agent.address()));
        assertTrue(e.getMessage().contains("before its helo"), e.getMessage());
    }

    @Test
    void nobodyListeningIsAClearError() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String address = "127.0.0.1:" + port;
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class, () -> Bosswave.connect(address));
        assertTrue(e.getMessage().startsWith("cannot connect to BOSSWAVE agent at " + address), e.getMessage());
    }

    // ------------------------------------------------------------------ replies

    @Test
    void requestsAreNumberedOneTwoThreeAndErrorsReadCodeReason() throws Exception {
        List<Long> seqnos = new CopyOnWriteArrayList<>();
        connect(s -> {
            s.hello();
            Frame a = s.expect("publ");
            seqnos.add(a.seqNo());
            s.ok(a);
            Frame b = s.expect("pers");
            seqnos.add(b.seqNo());
            s.error(b, 401, "No primary access chain found, cannot elaborate");
            Frame c = s.expect("publ");
            seqnos.add(c.seqNo());
            s.ok(c);
            untilClosed(s);
        });
        client.publish(PublishParams.uri(URI).payload(Payloads.string("a")));
        RouterErrorException e = assertThrows(RouterErrorException.class,
                () -> client.publish(PublishParams.uri(URI).persist(true)));
        assertEquals(401, e.code());
        assertEquals("No primary access chain found, cannot elaborate", e.reason());
        assertEquals("[401] No primary access chain found, cannot elaborate", e.getMessage());
        client.publishAsync(PublishParams.uri(URI)).get(5, TimeUnit.SECONDS);
        assertEquals(List.of(1L, 2L, 3L), seqnos);
    }

    @Test
    void framesForUnknownSeqnosAreDropped() throws Exception {
        connect(s -> {
            s.hello();
            Frame a = s.expect("publ");
            s.send(Frame.builder("rslt", 999).kv("finished", "true").build());
            s.ok(a);
            untilClosed(s);
        });
        client.publish(PublishParams.uri(URI));
    }

    @Test
    void queryAndListStreamsArriveInOrder() throws Exception {
        connect(s -> {
            s.hello();
            Frame q = s.expect("quer");
            s.okNonFinal(q);
            for (int i = 0; i < 5; i++) {
                s.result(q, "ns/bwref/" + i, Payloads.string("v" + i));
            }
            s.finished(q);
            Frame l = s.expect("list");
            s.okNonFinal(l);
            for (String child : List.of("ns/bwref/a", "ns/bwref/b")) {
                s.send(Frame.builder("rslt", l.seqNo()).kv("finished", "false").kv("child", child).build());
            }
            s.finished(l);
            Frame q2 = s.expect("quer");
            s.okNonFinal(q2);
            s.finished(q2);
            Frame l2 = s.expect("list");
            s.error(l2, 405, "require L");
            untilClosed(s);
        });
        List<Message> results = client.query(QueryParams.uri("ns/bwref/*"));
        assertEquals(5, results.size());
        for (int i = 0; i < 5; i++) {
            assertEquals("ns/bwref/" + i, results.get(i).uri());
            assertEquals("v" + i, results.get(i).payloadObjects().get(0).contentAsString());
        }
        assertEquals(List.of("ns/bwref/a", "ns/bwref/b"), client.list(ListParams.uri("ns/bwref")));
        assertTrue(client.queryOne(QueryParams.uri("ns/none")).isEmpty());
        RouterErrorException e = assertThrows(RouterErrorException.class, () -> client.list(ListParams.uri("ns")));
        assertEquals("[405] require L", e.getMessage());
    }

    @Test
    void asyncCompletionsAndHandlersNeverRunOnTheReaderThread() throws Exception {
        connect(s -> {
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "H1");
            s.result(sub, URI, Payloads.string("x"));
            Frame q = s.expect("quer");
            s.okNonFinal(q);
            s.finished(q);
            Frame raw = s.expect("bcip");
            s.send(Frame.builder("resp", raw.seqNo()).kv("status", "okay").kv("currentage", "3").build());
            untilClosed(s);
        });
        CompletableFuture<String> handlerThread = new CompletableFuture<>();
        client.subscribe(SubscribeParams.uri(URI), m -> handlerThread.complete(Thread.currentThread().getName()));
        assertFalse(handlerThread.get(5, TimeUnit.SECONDS).startsWith("bosswave-reader"), handlerThread.get());
        String queryThread = client.queryAsync(QueryParams.uri(URI))
                .thenApply(r -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
        assertFalse(queryThread.startsWith("bosswave-reader"), queryThread);
        List<Frame> replies = ((DefaultBosswaveClient) client).request(Frame.builder("bcip", 0)).get(5, TimeUnit.SECONDS);
        assertEquals("3", replies.get(0).kv("currentage"));
    }

    @Test
    void blockingCallsFromAHandlerOnASingleThreadExecutorDoNotDeadlock() throws Exception {
        agent = new ScriptedAgent(s -> {
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "H");
            s.result(sub, URI, Payloads.string("go"));
            for (Frame f = s.read(); f != null; f = s.read()) {
                if (f.command().equals("quer")) {
                    s.okNonFinal(f);
                    s.result(f, f.kv("uri").replace("+", "k"), Payloads.metadata(new MetadataTuple("v", 1)));
                    s.finished(f);
                } else {
                    s.ok(f);
                }
            }
        });
        java.util.concurrent.ExecutorService single = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            client = Bosswave.connect(ClientOptions.builder().address(agent.address()).callbackExecutor(single).build());
            CompletableFuture<Object> outcome = new CompletableFuture<>();
            client.subscribe(SubscribeParams.uri(URI), m -> {
                try {
                    client.publish(PublishParams.uri(URI + "/echo"));
                    outcome.complete(client.getMetadata("ns/a"));
                } catch (RuntimeException e) {
                    outcome.completeExceptionally(e);
                }
            });
            assertEquals(java.util.Map.of("k", new MetadataTuple("v", 1)), outcome.get(5, TimeUnit.SECONDS));
        } finally {
            client.close();
            single.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ subscriptions

    @Test
    void subscriptionDeliversInOrderAndEndsWithoutAnEmptyMessage() throws Exception {
        connect(s -> {
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "H1");
            for (int i = 0; i < 200; i++) {
                s.result(sub, URI, Payloads.string(Integer.toString(i)));
            }
            s.finished(sub);
            untilClosed(s);
        });
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription sub = client.subscribe(SubscribeParams.uri(URI), m -> got.add(m.payloadObjects().get(0).contentAsString()));
        assertEquals("H1", sub.handle());
        sub.ended().get(5, TimeUnit.SECONDS);
        assertEquals(200, got.size());
        for (int i = 0; i < 200; i++) {
            assertEquals(Integer.toString(i), got.get(i));
        }
    }

    @Test
    void subscribeErrorIsThrown() throws Exception {
        connect(s -> {
            s.hello();
            s.error(s.expect("subs"), 405, "require C");
            untilClosed(s);
        });
        RouterErrorException e = assertThrows(RouterErrorException.class,
                () -> client.subscribe(SubscribeParams.uri(URI), m -> { }));
        assertEquals(405, e.code());
    }

    @Test
    void closingASubscriptionUnsubscribesWithItsHandle() throws Exception {
        CompletableFuture<String> usubHandle = new CompletableFuture<>();
        connect(s -> {
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "AQAAACo8H14AAQIDBAUGBw==");
            Frame usub = s.expect("usub");
            usubHandle.complete(usub.kv("handle"));
            s.finished(sub);
            s.ok(usub);
            untilClosed(s);
        });
        Subscription sub = client.subscribe(SubscribeParams.uri(URI), m -> { });
        sub.close();
        assertEquals("AQAAACo8H14AAQIDBAUGBw==", usubHandle.get(5, TimeUnit.SECONDS));
        sub.ended().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aSlowHandlerHoldsUpNeitherOtherSubscriptionsNorReplies() throws Exception {
        connect(s -> {
            s.hello();
            Frame a = s.expect("subs");
            s.subscribed(a, "A");
            Frame b = s.expect("subs");
            s.subscribed(b, "B");
            s.result(a, URI + "/a", Payloads.string("a1"));
            s.result(a, URI + "/a", Payloads.string("a2"));
            s.result(b, URI + "/b", Payloads.string("b1"));
            s.ok(s.expect("publ"));
            untilClosed(s);
        });
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch aStarted = new CountDownLatch(1);
        List<String> aGot = new CopyOnWriteArrayList<>();
        CompletableFuture<String> bGot = new CompletableFuture<>();
        client.subscribe(SubscribeParams.uri(URI + "/a"), m -> {
            aStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            aGot.add(m.payloadObjects().get(0).contentAsString());
        });
        client.subscribe(SubscribeParams.uri(URI + "/b"), m -> bGot.complete(m.payloadObjects().get(0).contentAsString()));
        assertTrue(aStarted.await(5, TimeUnit.SECONDS));
        assertEquals("b1", bGot.get(5, TimeUnit.SECONDS), "B delivered while A's handler is blocked");
        client.publish(PublishParams.uri(URI));
        assertEquals(List.of(), aGot, "A still blocked in its first message");
        release.countDown();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (aGot.size() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of("a1", "a2"), aGot);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void connectionLossDuringARequestFailsIt() throws Exception {
        List<ConnectionListener.Event> events = new CopyOnWriteArrayList<>();
        connect(s -> {
            s.hello();
            s.expect("publ");
            s.close();
        });
        client.addConnectionListener((e, d) -> events.add(e));
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                () -> client.publish(PublishParams.uri(URI)));
        assertTrue(e.getMessage().contains("closed the connection") || e.getMessage().contains("lost"), e.getMessage());
        ConnectionClosedException later = assertThrows(ConnectionClosedException.class,
                () -> client.publish(PublishParams.uri(URI)));
        assertTrue(later.getMessage().contains(agent.address()), later.getMessage());
        waitFor(() -> events.contains(ConnectionListener.Event.DISCONNECTED));
    }

    /** A router refusing or timing out a connection says why on seqno 0 before it closes: that is the error. */
    @Test
    void theAgentsReasonForClosingIsTheError() throws Exception {
        connect(s -> {
            s.hello();
            s.send(org.spawnpoint.bosswave.wire.Frame.builder("resp", 0).kv("status", "error").kv("code", "409")
                    .kv("reason", "connection limit reached: this router serves at most 64 connections from one "
                            + "address (maxConnectionsPerAddress)").build());
            s.close();
        });
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                () -> client.publish(PublishParams.uri(URI)));
        assertTrue(e.getMessage().contains("closed the connection: [409] connection limit reached")
                && e.getMessage().contains("maxConnectionsPerAddress"), e.getMessage());
    }

    @Test
    void connectionLossEndsSubscriptionsExceptionally() throws Exception {
        CountDownLatch drop = new CountDownLatch(1);
        connect(s -> {
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "H");
            s.result(sub, URI, Payloads.string("before"));
            drop.await(10, TimeUnit.SECONDS);
            s.close();
        });
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription sub = client.subscribe(SubscribeParams.uri(URI), m -> got.add(m.payloadObjects().get(0).contentAsString()));
        drop.countDown();
        ExecutionException e = assertThrows(ExecutionException.class, () -> sub.ended().get(5, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(agent.address()), e.getCause().getMessage());
        assertEquals(List.of("before"), got, "messages before the loss are still delivered, nothing empty after");
    }

    @Test
    void malformedFrameFromTheAgentFailsPendingRequests() throws Exception {
        connect(s -> {
            s.hello();
            s.expect("publ");
            s.sendRaw("resp 0000000000 0000000001\nkv status okay\nend\n".getBytes());
            untilClosed(s);
        });
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                () -> client.publish(PublishParams.uri(URI)));
        assertTrue(e.getMessage().contains("malformed frame") && e.getMessage().contains("kv[0].length"), e.getMessage());
    }

    @Test
    void closeFailsPendingRequestsAndEndsSubscriptions() throws Exception {
        CountDownLatch publishSeen = new CountDownLatch(1);
        connect(s -> {
            s.hello();
            s.subscribed(s.expect("subs"), "H");
            s.expect("publ");
            publishSeen.countDown();
            untilClosed(s);
        });
        List<ConnectionListener.Event> events = new CopyOnWriteArrayList<>();
        client.addConnectionListener((e, d) -> events.add(e));
        Subscription sub = client.subscribe(SubscribeParams.uri(URI), m -> { });
        CompletableFuture<Void> pending = client.publishAsync(PublishParams.uri(URI));
        assertTrue(publishSeen.await(5, TimeUnit.SECONDS));
        client.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> pending.get(5, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("closed by this client"), e.getCause().getMessage());
        ExecutionException ended = assertThrows(ExecutionException.class, () -> sub.ended().get(5, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionClosedException.class, ended.getCause());
        waitFor(() -> events.contains(ConnectionListener.Event.CLOSED));
        assertThrows(ConnectionClosedException.class, () -> client.publish(PublishParams.uri(URI)));
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
