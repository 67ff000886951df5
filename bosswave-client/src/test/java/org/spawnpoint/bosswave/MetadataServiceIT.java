package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.internal.DefaultBosswaveClient;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.ScriptedAgent;
import org.spawnpoint.testvectors.Vectors;

/** Metadata merging, the service heartbeat, signals and slots, and the entity from the environment. */
class MetadataServiceIT {
    private ScriptedAgent agent;
    private DefaultBosswaveClient client;

    @TempDir
    Path tmp;

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

    private void connect(ScriptedAgent.Script script) throws IOException {
        agent = new ScriptedAgent(script);
        client = (DefaultBosswaveClient) Bosswave.connect(agent.address());
    }

    private static PayloadObject meta(String value, long ts) {
        return Payloads.metadata(new MetadataTuple(value, ts));
    }

    /** Answers metadata queries per prefix: {@code ns} has a=1,b=1; {@code ns/x} is forbidden; {@code ns/x/y} has a=3. */
    private static void metadataAgent(ScriptedAgent.Session s, boolean forbidFull) throws IOException {
        s.hello();
        for (Frame q = s.read(); q != null; q = s.read()) {
            String uri = q.kv("uri");
            if (!"true".equals(q.kv("autochain"))) {
                throw new AssertionError("metadata queries are autochained: " + q);
            }
            switch (uri) {
                case "ns/!meta/+" -> {
                    s.okNonFinal(q);
                    s.result(q, "ns/!meta/a", meta("1", 10));
                    s.result(q, "ns/!meta/b", meta("1", 11));
                    s.result(q, "ns/!meta/deleted");
                    s.finished(q);
                }
                case "ns/x/!meta/+" -> s.error(q, 401, "No primary access chain found, cannot elaborate");
                case "ns/x/y/!meta/+" -> {
                    if (forbidFull) {
                        s.error(q, 401, "No primary access chain found, cannot elaborate");
                    } else {
                        s.okNonFinal(q);
                        s.result(q, "ns/x/y/!meta/a", meta("3", 30));
                        s.finished(q);
                    }
                }
                case "ns/!meta/b", "ns/x/y/!meta/b" -> {
                    s.okNonFinal(q);
                    if (uri.equals("ns/!meta/b")) {
                        s.result(q, uri, meta("1", 11));
                    }
                    s.finished(q);
                }
                case "ns/x/!meta/b" -> s.error(q, 401, "No primary access chain found, cannot elaborate");
                default -> throw new AssertionError("unexpected query " + q);
            }
        }
    }

    @Test
    void getMetadataMergesEveryPrefixDeeperWinning() throws Exception {
        connect(s -> metadataAgent(s, false));
        Map<String, MetadataTuple> m = client.getMetadata("ns/x/y/");
        assertEquals(Map.of("a", new MetadataTuple("3", 30), "b", new MetadataTuple("1", 11)), m);
        assertEquals(new MetadataTuple("1", 11), client.getMetadataKey("ns/x/y", "b").orElseThrow());
    }

    @Test
    void a401OnTheFullUriIsAnError() throws Exception {
        connect(s -> metadataAgent(s, true));
        RouterErrorException e = assertThrows(RouterErrorException.class, () -> client.getMetadata("ns/x/y"));
        assertEquals(401, e.code());
    }

    @Test
    void setAndDeleteMetadataPersistTheTupleOrNothing() throws Exception {
        List<Frame> seen = new CopyOnWriteArrayList<>();
        connect(s -> {
            s.hello();
            for (Frame f = s.read(); f != null; f = s.read()) {
                seen.add(f);
                s.ok(f);
            }
        });
        long before = System.currentTimeMillis() * 1_000_000L;
        client.setMetadata("ns/svc/", "owner", "alice");
        client.deleteMetadata("ns/svc", "owner");
        Frame set = seen.get(0);
        assertEquals("pers", set.command());
        assertEquals("ns/svc/!meta/owner", set.kv("uri"));
        assertEquals("true", set.kv("autochain"));
        assertEquals("true", set.kv("persist"));
        PayloadObject po = set.pos().get(0);
        assertEquals("2.0.3.1", po.dottedType());
        assertEquals(Map.of("val", "alice", "ts", ((Map<?, ?>) Payloads.fromMsgpack(po.content())).get("ts")),
                Payloads.fromMsgpack(po.content()));
        MetadataTuple t = Payloads.metadataTuple(po);
        assertTrue(t.timestampNanos() >= before && t.timestampNanos() < before + 60_000_000_000L, "ts " + t);
        Frame del = seen.get(1);
        assertEquals("pers", del.command());
        assertEquals("ns/svc/!meta/owner", del.kv("uri"));
        assertTrue(del.pos().isEmpty());
    }

    @Test
    void serviceHeartbeatKeepsGoingAfterErrors() throws Exception {
        List<Frame> beats = new CopyOnWriteArrayList<>();
        connect(s -> {
            s.hello();
            int n = 0;
            for (Frame f = s.read(); f != null; f = s.read()) {
                if (f.kv("uri").endsWith("/!meta/lastalive")) {
                    beats.add(f);
                    if (n++ == 0) {
                        s.error(f, 401, "No primary access chain found, cannot elaborate");
                        continue;
                    }
                }
                s.ok(f);
            }
        });
        Service svc = client.registerService("ns/spawnpoint/", "demosvc", Duration.ofMillis(50), Duration.ofMillis(100));
        assertEquals("ns/spawnpoint/demosvc", svc.uri());
        ServiceInterface iface = svc.registerInterface("/s.spawnpoint/", "i.spawnpoint");
        assertEquals("ns/spawnpoint/demosvc/s.spawnpoint/i.spawnpoint", iface.uri());
        assertEquals(iface.uri() + "/signal/heartbeat", iface.signalUri("heartbeat"));
        ClientIT.waitFor(() -> beats.stream().anyMatch(f -> f.kv("uri").startsWith(iface.uri())));
        svc.close();
        assertEquals("ns/spawnpoint/demosvc/!meta/lastalive", beats.get(0).kv("uri"));
        assertTrue(beats.size() >= 3, "the first (failed) beat does not stop the loop: " + beats.size());
        String lastalive = Payloads.metadataTuple(beats.get(1).pos().get(0)).value();
        // Go's time.Now().String(), as bw2bind writes it (service-lastalive.bin)
        assertTrue(lastalive.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})? [+-]\\d{4} \\S+ m=\\+\\d+\\.\\d{9}"),
                lastalive);
        int count = beats.size();
        Thread.sleep(300);
        assertTrue(beats.size() <= count + 2, "stopped after close");
    }

    @Test
    void signalsArePersistedAndSlotsSubscribed() throws Exception {
        List<Frame> seen = new CopyOnWriteArrayList<>();
        connect(s -> {
            s.hello();
            for (Frame f = s.read(); f != null; f = s.read()) {
                seen.add(f);
                if (f.command().equals("subs")) {
                    s.subscribed(f, "H");
                    s.result(f, f.kv("uri"), Payloads.string("restart"));
                } else {
                    s.ok(f);
                }
            }
        });
        Service svc = client.registerService("ns/sp", "alpha", Duration.ofHours(1), Duration.ofHours(1));
        ServiceInterface iface = svc.registerInterface("s.spawnpoint", "server");
        iface.publishSignal("heartbeat", Payloads.msgpack(PoNum.SPAWNPOINT_HEARTBEAT, Map.of("Alias", "alpha")));
        java.util.concurrent.CompletableFuture<Message> slot = new java.util.concurrent.CompletableFuture<>();
        iface.subscribeSlot("restart", slot::complete);
        assertEquals("restart", slot.get(5, TimeUnit.SECONDS).payloadObjects().get(0).contentAsString());
        Frame pub = seen.get(0);
        assertEquals("pers", pub.command());
        assertEquals("ns/sp/alpha/s.spawnpoint/server/signal/heartbeat", pub.kv("uri"));
        assertEquals("true", pub.kv("autochain"));
        Frame sub = seen.get(1);
        assertEquals("ns/sp/alpha/s.spawnpoint/server/slot/restart", sub.kv("uri"));
        assertEquals("true", sub.kv("autochain"));
        svc.close();
    }

    @Test
    void entityFromTheEnvironment() throws Exception {
        connect(s -> {
            s.hello();
            for (Frame f = s.read(); f != null; f = s.read()) {
                s.send(Frame.builder("resp", f.seqNo()).kv("status", "okay").kv("finished", "true")
                        .kv("vk", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=").build());
            }
        });
        BosswaveException unset = assertThrows(BosswaveException.class, () -> client.setEntityFromEnvironment(k -> null));
        assertTrue(unset.getMessage().contains("$BW2_DEFAULT_ENTITY is not set"), unset.getMessage());
        Path missing = tmp.resolve("nope.ent");
        BosswaveException gone = assertThrows(BosswaveException.class,
                () -> client.setEntityFromEnvironment(k -> missing.toString()));
        assertTrue(gone.getMessage().contains(missing.toString()), gone.getMessage());
        Path ent = tmp.resolve("e.ent");
        Files.write(ent, Vectors.bytes("test-entity.ent"));
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=",
                client.setEntityFromEnvironment(k -> k.equals("BW2_DEFAULT_ENTITY") ? ent.toString() : null));
    }
}
