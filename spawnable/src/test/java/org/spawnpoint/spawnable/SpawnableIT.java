package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.spawnable.MetadataPublisher.Outcome;
import org.spawnpoint.spawnable.MetadataPublisher.Status;

/** spawnable against a real router over a real socket: connect, register, metadata newer-wins. */
class SpawnableIT {
    @TempDir
    Path dir;

    private LocalRouter router;
    private BosswaveClient bw;

    @BeforeEach
    void start() {
        router = LocalRouter.start(dir);
        bw = Spawnable.connect(Map.of("BW2_AGENT", router.address(), "BW2_DEFAULT_ENTITY", router.userKey.toString()),
                Bosswave::connect);
    }

    @AfterEach
    void stop() {
        if (bw != null) {
            bw.close();
        }
        if (router != null) {
            router.close();
        }
    }

    private static Params params(String metavalid, String owner) {
        return Spawnable.parseParams("""
                svc_base_uri: scratch.ns/services   /* comment */
                metavalid: "%s"
                metadata:
                  s.it:
                    owner: %s
                  s.it/inst/i.it:
                    room: "410"
                """.formatted(metavalid, owner), "params.yml");
    }

    @Test
    void metadataNewerWinsAgainstTheRealRouter() {
        List<Outcome> first = Spawnable.mergeMetadata(bw, params("Wed Sep 21 19:10:35 UTC 2016", "alice"));
        assertEquals(List.of(Status.SET, Status.SET), first.stream().map(Outcome::status).toList());
        Map<String, MetadataTuple> meta = bw.getMetadata("scratch.ns/services/s.it/inst/i.it");
        long t2016 = 1_474_485_035_000_000_000L;
        assertEquals(new MetadataTuple("alice", t2016), meta.get("owner"), "inherited from s.it");
        assertEquals(new MetadataTuple("410", t2016), meta.get("room"));

        List<Outcome> again = Spawnable.mergeMetadata(bw, params("Wed Sep 21 19:10:35 UTC 2016", "bob"));
        assertEquals(List.of(Status.KEPT_EXISTING, Status.KEPT_EXISTING), again.stream().map(Outcome::status).toList());
        assertEquals("alice", bw.getMetadata("scratch.ns/services/s.it").get("owner").value());

        List<Outcome> newer = Spawnable.mergeMetadata(bw, params("Thu Sep 22 19:10:35 UTC 2016", "carol"));
        assertEquals(Status.SET, newer.get(0).status());
        assertEquals(new MetadataTuple("carol", t2016 + 86_400_000_000_000L),
                bw.getMetadata("scratch.ns/services/s.it").get("owner"));
    }

    @Test
    void metadataWithoutAGrantFailsPerKeyWithTheRoutersReason() {
        try (BosswaveClient stranger = Spawnable.connect(Map.of("BW2_AGENT", router.address(),
                "BW2_DEFAULT_ENTITY", router.strangerKey.toString()), Bosswave::connect)) {
            List<Outcome> out = Spawnable.mergeMetadata(stranger, params("Wed Sep 21 19:10:35 UTC 2016", "eve"));
            assertEquals(List.of(Status.FAILED, Status.FAILED), out.stream().map(Outcome::status).toList());
            assertTrue(out.get(0).detail().startsWith("could not query the existing metadata: ["),
                    out.get(0).detail());
        }
        assertTrue(bw.getMetadata("scratch.ns/services/s.it").get("owner") == null, "nothing was written");
    }

    @Test
    void metadataOnAnUnknownNamespaceFails() {
        Params p = Spawnable.parseParams("svc_base_uri: other.ns/x\nmetadata: {s.a: {k: v}}\n", "params.yml");
        List<Outcome> out = Spawnable.mergeMetadata(bw, p);
        assertEquals(1, out.size());
        assertEquals(Status.FAILED, out.get(0).status());
        assertTrue(out.get(0).detail().startsWith("could not query the existing metadata: [428] "), out.get(0).detail());
    }

    @Test
    void registeredInterfacePublishesToSubscribers() throws Exception {
        Service svc = Spawnable.registerService(bw, params("Wed Sep 21 19:10:35 UTC 2016", "a"), "s.it");
        ServiceInterface iface = Spawnable.registerInterface(svc, "inst", "i.it");
        CompletableFuture<String> got = new CompletableFuture<>();
        try (BosswaveClient other = Bosswave.connect(router.address())) {
            other.setEntityFile(router.userKey);
            try (Subscription s = other.subscribe(SubscribeParams.uri(iface.signalUri("out")).autoChain(true),
                    m -> got.complete(m.payloadObjects().get(0).contentAsString()))) {
                iface.publishSignal("out", PayloadObject.ofString("hello"));
                assertEquals("hello", got.get(10, TimeUnit.SECONDS));
            }
        } finally {
            svc.close();
        }
    }

    @Test
    void connectRetriedWithBackoffOnlyWhileTheAgentIsUnreachable() throws Exception {
        String address = router.address();
        router.close();
        Map<String, String> env = Map.of("BW2_AGENT", address, "BW2_DEFAULT_ENTITY", router.userKey.toString());
        Backoff backoff = Backoff.builder(Duration.ofMillis(20), Duration.ofMillis(100)).build();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread t = new Thread(() -> {
            try {
                backoff.retry(() -> {
                    Spawnable.connect(env, Bosswave::connect).close();
                    return null;
                },
                        e -> e instanceof AgentUnreachableException, (n, e, d) -> failures.add(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        t.join(300);
        t.interrupt();
        t.join(5000);
        assertTrue(!failures.isEmpty() && failures.get(0).startsWith("Could not connect to the BOSSWAVE agent at "
                + address + " ($BW2_AGENT)"), String.valueOf(failures));

        Map<String, String> noEntity = Map.of("BW2_AGENT", address);
        assertThrows(SpawnableException.class, () -> backoff.retry(() -> Spawnable.connect(noEntity, Bosswave::connect),
                e -> e instanceof AgentUnreachableException, (n, e, d) -> { }));
    }
}
