package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;

/** Malformed input, slow consumers, limits and many clients: the router keeps serving everyone else. */
class RobustnessIT {
    @TempDir
    static Path data;
    static Router router;
    static EntityKey ns;
    static EntityKey user;
    static final int QUEUE = 2048;

    @BeforeAll
    static void start() throws Exception {
        ns = Fixture.entity("ns");
        user = Fixture.entity("user");
        router = start(data, b -> b.subscriptionQueue(QUEUE).maxSubscriptionsPerConnection(50)
                .maxFrameBytes(64 * 1024));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static void assertServesOthers() throws Exception {
        try (BosswaveClient c = Fixture.client(router, user)) {
            List<Message> got = new CopyOnWriteArrayList<>();
            try (Subscription s = c.subscribe(SubscribeParams.uri("rob.ns/alive"), got::add)) {
                c.publish(PublishParams.uri("rob.ns/alive").payload(PayloadObject.ofString("yes")));
                RouterIT.waitFor(() -> got.size() == 1);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void badLineGetsAnErrorOnItsSeqnoThenTheConnectionCloses() throws Exception {
        try (BosswaveClient bystander = Fixture.client(router, user); RawClient raw = new RawClient(router.port())) {
            raw.sendRaw(ascii("publ 0000000000 0000000007\nkv uri\nend\n"));
            Frame err = raw.read();
            assertEquals(7, err.seqNo());
            assertEquals("error", err.kv("status"));
            assertEquals("425", err.kv("code"));
            assertTrue(err.kv("reason").startsWith("malformed frame: "), err.kv("reason"));
            assertNull(raw.read(), "the connection is closed after the error");
            bystander.publish(PublishParams.uri("rob.ns/x").payload(PayloadObject.ofString("still here")));
        }
        assertServesOthers();
    }

    @Test
    void mismatchedPoNumbersAndNonNumericLengths() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.sendRaw(ascii("publ 0000000000 0000000003\npo 64.0.1.0:5 1\nx\nend\n"));
            Frame err = raw.read();
            assertEquals(3, err.seqNo());
            assertEquals("425", err.kv("code"));
            assertNull(raw.read());
        }
        try (RawClient raw = new RawClient(router.port())) {
            raw.sendRaw(ascii("publ 0000000000 0000000004\nkv uri abc\nx\nend\n"));
            assertEquals(4, raw.read().seqNo());
            assertNull(raw.read());
        }
        assertServesOthers();
    }

    @Test
    void garbageHeaderGetsAnErrorOnSeqnoZeroThenTheConnectionCloses() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.sendRaw(ascii("this is not a bosswave frame at all\n"));
            Frame err = raw.read();
            assertEquals(0, err.seqNo());
            assertEquals("425", err.kv("code"));
            assertTrue(err.kv("reason").contains("header"), err.kv("reason"));
            assertNull(raw.read());
        }
        assertServesOthers();
    }

    @Test
    void oversizedFrameIsRefusedNamingTheLimit() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.sendRaw(ascii("publ 0000000000 0000000009\npo 64.0.1.0:1073742080 100000\n"));
            Frame err = raw.read();
            assertEquals(9, err.seqNo());
            assertTrue(err.kv("reason").contains("limit"), err.kv("reason"));
        }
        assertServesOthers();
    }

    @Test
    void subscriptionLimitPerConnection() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(user.blob());
            for (int i = 0; i < 50; i++) {
                long s = raw.nextSeq();
                raw.send(Frame.builder("subs", s).kv("uri", "rob.ns/lim/" + i).build());
                assertEquals("okay", raw.read().kv("status"));
            }
            Frame r = raw.callOne(Frame.builder("subs", 0).kv("uri", "rob.ns/lim/x"));
            assertEquals("409", r.kv("code"));
            assertTrue(r.kv("reason").contains("maxSubscriptionsPerConnection"), r.kv("reason"));
        }
    }

    @Test
    void connectionLimit(@TempDir Path other) throws Exception {
        try (Router small = Fixture.start(other, b -> b.maxConnections(2));
             RawClient a = new RawClient(small.port()); RawClient b = new RawClient(small.port());
             RawClient c = new RawClient(small.port())) {
            Frame err = c.read();
            assertEquals("error", err.kv("status"));
            assertTrue(err.kv("reason").contains("maxConnections"), err.kv("reason"));
            assertNull(c.read());
            assertEquals("okay", a.callOne(Frame.builder("bcip", 0)).kv("status"));
        }
    }

    /**
     * A subscriber that stops reading loses its subscription (finished=true) once QUEUE results are pending, while a
     * reading subscriber on the same URI gets every message in order and the publisher is never held up.
     */
    @Test
    void slowConsumerIsCancelledWithoutSlowingOthers() throws Exception {
        int n = 3000;
        byte[] payload = new byte[16000];
        try (Socket slow = new Socket(); BosswaveClient fast = Fixture.client(router, user);
             BosswaveClient publisher = Fixture.client(router, user)) {
            slow.setReceiveBufferSize(4096);
            slow.connect(new InetSocketAddress("127.0.0.1", router.port()));
            FrameReader slowIn = new FrameReader(slow.getInputStream());
            slowIn.read(); // helo
            var out = slow.getOutputStream();
            out.write(org.spawnpoint.bosswave.wire.FrameCodec.encode(Frame.builder("sete", 1)
                    .po(new PayloadObject(50, user.blob())).build()));
            out.write(org.spawnpoint.bosswave.wire.FrameCodec.encode(Frame.builder("subs", 2)
                    .kv("uri", "rob.ns/flood").kv("unpack", "true").build()));
            out.flush();
            assertEquals(1, slowIn.read().seqNo());
            assertEquals("okay", slowIn.read().kv("status"));

            List<Integer> got = new CopyOnWriteArrayList<>();
            try (Subscription s = fast.subscribe(SubscribeParams.uri("rob.ns/flood"),
                    m -> got.add(Integer.parseInt(m.payload(0x40000100).orElseThrow().contentAsString())))) {
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    publisher.publish(PublishParams.uri("rob.ns/flood").payload(PayloadObject.ofString(Integer.toString(i)),
                            PayloadObject.of(0x01000000, payload)));
                }
                long publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                RouterIT.waitFor(() -> got.size() == n);
                List<Integer> want = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    want.add(i);
                }
                assertEquals(want, got, "the fast subscriber gets everything, in order");
                assertTrue(publishMs < 60_000, "publishing took " + publishMs + " ms");
            }
            // now drain the slow socket: some results, then the closing finished=true for seqno 2
            slow.setSoTimeout(10_000);
            int results = 0;
            while (true) {
                Frame f = slowIn.read();
                assertEquals(2, f.seqNo());
                if (f.finished()) {
                    break;
                }
                results++;
            }
            assertTrue(results < n, "the slow subscription was cancelled after " + results + " results");
        }
        assertServesOthers();
    }

    /** Pipelined persists are signed in parallel, yet replies and deliveries keep request order. */
    @Test
    void pipelinedRequestsKeepTheirOrder() throws Exception {
        assertPipelinedOrder(router);
    }

    /** The same when every publish is signed too (resultSignatures=always): all of them go to the signer threads. */
    @Test
    void pipelinedRequestsKeepTheirOrderWhenEveryMessageIsSigned(@TempDir Path other) throws Exception {
        try (Router signing = start(other, b -> b.resultSignatures(RouterConfig.ResultSignatures.ALWAYS))) {
            assertPipelinedOrder(signing);
        }
    }

    /** The same with readers that poll their sockets before sleeping (busyPollMicros). */
    @Test
    void pipelinedRequestsKeepTheirOrderWithBusyPolling(@TempDir Path other) throws Exception {
        try (Router polling = start(other, b -> b.busyPollMicros(500))) {
            assertPipelinedOrder(polling);
        }
    }

    /** A router over a registry where {@code user} may do everything on {@code rob.ns}. */
    private static Router start(Path data, java.util.function.Consumer<RouterConfig.Builder> settings)
            throws Exception {
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("rob.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 0));
        });
        return Fixture.start(data, settings);
    }

    private static void assertPipelinedOrder(Router router) throws Exception {
        int n = 2000;
        try (RawClient sub = new RawClient(router.port()); RawClient pub = new RawClient(router.port())) {
            sub.setEntity(user.blob());
            sub.send(Frame.builder("subs", 100).kv("uri", "rob.ns/order").kv("unpack", "true").build());
            assertEquals("okay", sub.read().kv("status"));
            java.io.ByteArrayOutputStream burst = new java.io.ByteArrayOutputStream();
            burst.write(org.spawnpoint.bosswave.wire.FrameCodec.encode(Frame.builder("sete", 1)
                    .po(new PayloadObject(50, user.blob())).build()));
            for (int i = 0; i < n; i++) {
                String cmd = i % 100 == 50 ? "bcip" : i % 7 == 0 ? "pers" : "publ";
                burst.write(org.spawnpoint.bosswave.wire.FrameCodec.encode(Frame.builder(cmd, 2 + i)
                        .kv("uri", "rob.ns/order").po(PayloadObject.ofString(Integer.toString(i))).build()));
            }
            pub.sendRaw(burst.toByteArray());
            long last = 0;
            for (int i = 0; i < n + 1; i++) {
                Frame r = pub.read();
                assertEquals("okay", r.kv("status"), r.toString());
                assertEquals(last + 1, r.seqNo(), "replies in request order");
                last = r.seqNo();
            }
            int expected = 0;
            for (int i = 0; i < n; i++) {
                if (i % 100 == 50) {
                    continue;
                }
                Frame m = sub.read();
                assertEquals(Integer.toString(i), m.pos().get(0).contentAsString(), "deliveries in publish order");
                expected++;
            }
            assertTrue(expected > 0);
        }
    }

    @Test
    void manyConcurrentClients() throws Exception {
        int clients = 30;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                int id = c;
                results.add(pool.submit(() -> {
                    try (BosswaveClient bw = Fixture.client(router, user)) {
                        List<String> got = new CopyOnWriteArrayList<>();
                        try (Subscription s = bw.subscribe(SubscribeParams.uri("rob.ns/many/" + id + "/+"),
                                m -> got.add(m.payloadObjects().get(0).contentAsString()))) {
                            for (int i = 0; i < each; i++) {
                                bw.publish(PublishParams.uri("rob.ns/many/" + id + "/t")
                                        .payload(PayloadObject.ofString(id + ":" + i)));
                            }
                            RouterIT.waitFor(() -> got.size() == each);
                        }
                        return got;
                    }
                }));
            }
            for (int c = 0; c < clients; c++) {
                List<String> got = results.get(c).get(60, TimeUnit.SECONDS);
                for (int i = 0; i < each; i++) {
                    assertEquals(c + ":" + i, got.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void publishWithoutEntityOrWithPoZeroIsAnError() throws IOException {
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(user.blob());
            Frame r = raw.callOne(Frame.builder("publ", 0).kv("uri", "rob.ns/z").po(new PayloadObject(0, new byte[1])));
            assertEquals("425", r.kv("code"));
            r = raw.callOne(Frame.builder("subs", 0).kv("uri", "rob.ns/z").kv("expirydelta", "soon"));
            assertEquals("425", r.kv("code"));
            assertTrue(r.kv("reason").contains("expirydelta"));
        }
    }

}
