package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.ScriptedAgent;
import org.spawnpoint.testvectors.Vectors;

/** Automatic reconnection: back-off, entity set again, subscriptions re-established with new handles, events. */
class ReconnectIT {
    private static final String URI = "scratch.ns/bwref/test";
    private static final String VK = "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=";

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

    private static ClientOptions.Builder reconnecting(String address) {
        return ClientOptions.builder().address(address).autoReconnect(true)
                .reconnectDelays(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void reconnectsSetsTheEntityAgainAndResubscribes() throws Exception {
        byte[] file = Vectors.bytes("test-entity.ent");
        byte[] blob = Arrays.copyOfRange(file, 1, file.length);
        AtomicInteger sessionNo = new AtomicInteger();
        CountDownLatch dropFirst = new CountDownLatch(1);
        List<Long> secondSessionSeqnos = new CopyOnWriteArrayList<>();
        CompletableFuture<byte[]> resentEntity = new CompletableFuture<>();
        agent = new ScriptedAgent(s -> {
            int n = sessionNo.incrementAndGet();
            s.hello();
            Frame sete = s.expect("sete");
            if (n == 2) {
                resentEntity.complete(sete.pos().get(0).content());
                secondSessionSeqnos.add(sete.seqNo());
            }
            s.send(Frame.builder("resp", sete.seqNo()).kv("status", "okay").kv("finished", "true")
                    .kv("status", "okay").kv("vk", VK).build());
            Frame sub = s.expect("subs");
            if (n == 1) {
                s.subscribed(sub, "HANDLE-1");
                s.result(sub, URI, Payloads.string("first"));
                dropFirst.await(10, TimeUnit.SECONDS);
                s.close();
                return;
            }
            secondSessionSeqnos.add(sub.seqNo());
            s.subscribed(sub, "HANDLE-2");
            s.result(sub, URI, Payloads.string("second"));
            for (Frame f = s.read(); f != null; f = s.read()) {
                secondSessionSeqnos.add(f.seqNo());
                s.ok(f);
            }
        });
        client = Bosswave.connect(reconnecting(agent.address()).build());
        List<String> events = new CopyOnWriteArrayList<>();
        client.addConnectionListener((e, d) -> events.add(e.name()));
        assertEquals(VK, client.setEntity(blob));
        List<String> got = new CopyOnWriteArrayList<>();
        Subscription sub = client.subscribe(SubscribeParams.uri(URI).autoChain(true),
                m -> got.add(m.payloadObjects().get(0).contentAsString()));
        assertEquals("HANDLE-1", sub.handle());
        ClientIT.waitFor(() -> got.size() == 1);
        dropFirst.countDown();

        ClientIT.waitFor(() -> got.size() == 2);
        assertEquals(List.of("first", "second"), got);
        assertEquals("HANDLE-2", sub.handle());
        assertFalse(sub.ended().isDone());
        assertArrayEquals(blob, resentEntity.get(5, TimeUnit.SECONDS));
        ClientIT.waitFor(() -> events.size() >= 2);
        assertEquals(List.of("DISCONNECTED", "RECONNECTED"), events);
        client.publish(PublishParams.uri(URI));
        assertEquals(List.of(1L, 2L, 3L), secondSessionSeqnos, "seqnos restart at 1 on the new connection");
        assertEquals(2, sessionNo.get());
    }

    @Test
    void backsOffWhileTheAgentIsDownAndFailsRequestsMeanwhile() throws Exception {
        AtomicInteger sessionNo = new AtomicInteger();
        CountDownLatch dropFirst = new CountDownLatch(1);
        agent = new ScriptedAgent(s -> {
            sessionNo.incrementAndGet();
            s.hello();
            Frame sub = s.expect("subs");
            s.subscribed(sub, "H" + sessionNo.get());
            dropFirst.await(10, TimeUnit.SECONDS);
            s.close();
        });
        int port = agent.port();
        client = Bosswave.connect(reconnecting(agent.address()).build());
        List<String> events = new CopyOnWriteArrayList<>();
        client.addConnectionListener((e, d) -> events.add(e.name()));
        Subscription sub = client.subscribe(SubscribeParams.uri(URI), m -> { });
        agent.stopListening();
        dropFirst.countDown();
        ClientIT.waitFor(() -> events.contains("DISCONNECTED"));
        ConnectionClosedException e = assertThrows(ConnectionClosedException.class,
                () -> client.publish(PublishParams.uri(URI)));
        assertTrue(e.getMessage().contains("127.0.0.1:" + port), e.getMessage());
        Thread.sleep(300);
        assertFalse(sub.ended().isDone(), "kept while reconnecting");

        // The agent comes back on the same port; the subscription is restored there.
        CountDownLatch restored = new CountDownLatch(1);
        try (ScriptedAgent back = new ScriptedAgent(port, s -> {
            s.hello();
            s.subscribed(s.expect("subs"), "BACK");
            restored.countDown();
            while (s.read() != null) {
                // until the client closes
            }
        })) {
            assertTrue(restored.await(5, TimeUnit.SECONDS));
            ClientIT.waitFor(() -> events.contains("RECONNECTED"));
            assertEquals("BACK", sub.handle());
            client.close();
            ExecutionException ended = assertThrows(ExecutionException.class, () -> sub.ended().get(5, TimeUnit.SECONDS));
            assertTrue(ended.getCause() instanceof ConnectionClosedException);
            assertTrue(back.failures().isEmpty(), back.failures().toString());
        }
    }

    @Test
    void withoutAutoReconnectNothingIsRetried() throws Exception {
        AtomicInteger sessions = new AtomicInteger();
        agent = new ScriptedAgent(s -> {
            sessions.incrementAndGet();
            s.hello();
            s.close();
        });
        client = Bosswave.connect(agent.address());
        Thread.sleep(300);
        assertEquals(1, sessions.get());
    }
}
