package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.spawnpoint.bosswave.internal.DefaultBosswaveClient;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.router.internal.UriPattern;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Routers joined over a real 3-node NATS JetStream cluster (issue 15) are one bus: what is published, persisted and
 * granted through one router holds on the others, with BOSSWAVE's own meaning. Faults: ClusterFaultsIT.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT extends ClusterTestBase {
    @Test
    @Order(1)
    void natsUnreachableAtStartIsAClearError() throws Exception {
        Path data = dir.resolve("unreachable");
        String url = "nats://127.0.0.1:" + NatsCluster.freePort();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Fixture.start(data, c -> c.cluster(List.of(url))));
        assertTrue(e.getMessage().startsWith("cannot reach the NATS cluster at " + url), e.getMessage());
        assertTrue(e.getMessage().contains("leave --cluster out"), e.getMessage());
        try (Router single = Fixture.start(data, c -> { })) {
            assertTrue(single.port() > 0, "the failed start let go of the data directory");
        }
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cli = RouterMain.commandLine();
        cli.setErr(new java.io.PrintWriter(err, true));
        int code = cli.execute("router", "--data", data.toString(), "--listen", "127.0.0.1:0", "--cluster", url);
        assertEquals(1, code, err.toString());
        assertTrue(err.toString().startsWith("bw2: cannot reach the NATS cluster at " + url), err.toString());
    }

    @Test
    @Order(2)
    void whatARouterPersistedBeforeItJoinedIsAnsweredEverywhere() {
        assertEquals(List.of("persisted while alone"), texts(onB.query(QueryParams.uri(uri("solo/x")))));
        assertEquals(List.of(nsVk + "/solo/x"), onB.list(ListParams.uri(uri("solo"))));
    }

    @Test
    @Order(2)
    void persistedMessagesAndTheRegistryAreKeptInThreeCopies() throws Exception {
        try (io.nats.client.Connection nc = io.nats.client.Nats.connect(nats.urls().get(1))) {
            for (String bucket : List.of("bw2-retained", "bw2-registry")) {
                var info = nc.jetStreamManagement().getStreamInfo("KV_" + bucket);
                assertEquals(3, info.getConfiguration().getReplicas(), bucket);
                assertEquals(2, info.getClusterInfo().getReplicas().size(), bucket + ": a leader and two replicas");
            }
        }
    }

    @Test
    @Order(2)
    void publishReachesEveryRouterInPublishOrderOnce() throws Exception {
        int n = 500;
        Map<String, List<String>> got = new ConcurrentHashMap<>();
        List<Subscription> subs = new ArrayList<>();
        try (BosswaveClient secondOnB = Fixture.client(b, alice)) {
            for (var e : Map.of("A exact", onA, "B exact", onB).entrySet()) {
                List<String> l = new CopyOnWriteArrayList<>();
                got.put(e.getKey(), l);
                subs.add(e.getValue().subscribe(SubscribeParams.uri(uri("o/a")), m -> l.add(text(m))));
            }
            // a second, wider subscription on B: B then has two NATS subscriptions that both carry o/a
            List<String> wide = new CopyOnWriteArrayList<>();
            got.put("B wide", wide);
            subs.add(secondOnB.subscribe(SubscribeParams.uri(uri("o/*")), m -> wide.add(text(m))));
            Thread pubB = new Thread(() -> {
                for (int i = 0; i < n; i++) {
                    publish(onB, "o/a", "B" + i);
                }
            });
            pubB.start();
            for (int i = 0; i < n; i++) {
                publish(onA, "o/a", "A" + i);
            }
            pubB.join();
            waitFor(() -> got.values().stream().allMatch(l -> l.size() >= 2 * n), 20_000, "every message everywhere");
            Thread.sleep(300); // a duplicate would come now
            for (Subscription s : subs) {
                s.close();
            }
        }
        for (var e : got.entrySet()) {
            List<String> l = e.getValue();
            assertEquals(2 * n, l.size(), e.getKey() + ": each message exactly once");
            for (String from : List.of("A", "B")) {
                List<String> mine = l.stream().filter(s -> s.startsWith(from)).toList();
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    expected.add(from + i);
                }
                assertEquals(expected, mine, e.getKey() + ": " + from + "'s messages in publish order");
            }
        }
    }

    @Test
    @Order(3)
    void crossRouterLatency() throws Exception {
        // not a benchmark (shared, noisy machine): a figure for the report, and a bound nobody should come near
        List<Long> lat = new CopyOnWriteArrayList<>();
        long[] sent = new long[1];
        Object lock = new Object();
        try (Subscription s = onB.subscribe(SubscribeParams.uri(uri("lat/x")), m -> {
            lat.add(System.nanoTime() - sent[0]);
            synchronized (lock) {
                lock.notifyAll();
            }
        })) {
            for (int i = 0; i < 300; i++) {
                int before = lat.size();
                synchronized (lock) {
                    sent[0] = System.nanoTime();
                    publish(onA, "lat/x", "p" + i);
                    long deadline = System.currentTimeMillis() + 5000;
                    while (lat.size() == before && System.currentTimeMillis() < deadline) {
                        lock.wait(100);
                    }
                }
            }
        }
        List<Long> sortedLat = new ArrayList<>(lat);
        Collections.sort(sortedLat);
        long p50 = sortedLat.get(sortedLat.size() / 2) / 1000;
        long p99 = sortedLat.get(sortedLat.size() * 99 / 100) / 1000;
        System.out.println("cross-router publish (A) -> delivery (B) over NATS, 300 round trips: p50 " + p50
                + " us, p99 " + p99 + " us");
        assertEquals(300, lat.size());
        assertTrue(p50 < 1_000_000, "p50 " + p50 + " us");
    }

    @Test
    @Order(4)
    void wildcardsMeanOnEveryRouterWhatTheyMeanOnOne() throws Exception {
        List<String> patterns = List.of("w/+/c", "w/*/z", "w/*", "w/a/*", "w/+/*", "w/*/+", "w/+", "w/a.b/+",
                "w/*/a.b", "w/!meta/+", "w/(x),$/*", "w/a/b/c", "w/*/b/c");
        List<String> publishes = List.of("w", "w/z", "w/a/z", "w/a/b/z", "w/x/c", "w/c", "w/x/y/c", "w/a", "w/a/b",
                "w/a.b/c", "w/a/b/c", "w/q/a.b", "w/!meta/k", "w/(x),$/y", "w/a.b", "w/b/c");
        Map<String, List<String>> onRouterA = new TreeMap<>();
        Map<String, List<String>> onRouterB = new TreeMap<>();
        Map<String, List<String>> expected = new TreeMap<>();
        List<Subscription> subs = new ArrayList<>();
        int total = 0;
        for (String p : patterns) {
            List<String> la = new CopyOnWriteArrayList<>();
            List<String> lb = new CopyOnWriteArrayList<>();
            onRouterA.put(p, la);
            onRouterB.put(p, lb);
            subs.add(onA.subscribe(SubscribeParams.uri(uri(p)), m -> la.add(text(m))));
            subs.add(onB.subscribe(SubscribeParams.uri(uri(p)), m -> lb.add(text(m))));
            UriPattern pattern = UriPattern.parse(p);
            List<String> e = publishes.stream().filter(u -> pattern.matchesPublished(u.split("/"))).sorted().toList();
            expected.put(p, e);
            total += e.size();
        }
        for (String u : publishes) {
            publish(onA, u, u);
        }
        int all = total;
        waitFor(() -> onRouterB.values().stream().mapToInt(List::size).sum() >= all, 10_000, "B's deliveries");
        Thread.sleep(300);
        for (Subscription s : subs) {
            s.close();
        }
        Map<String, List<String>> sortedA = new TreeMap<>();
        Map<String, List<String>> sortedB = new TreeMap<>();
        onRouterA.forEach((k, v) -> sortedA.put(k, sorted(v)));
        onRouterB.forEach((k, v) -> sortedB.put(k, sorted(v)));
        assertEquals(expected, sortedA, "the publishing router's own subscribers (the single-router rule)");
        assertEquals(sortedA, sortedB, "the other router's subscribers get the same");
        assertEquals(List.of("w/a.b/c"), sortedB.get("w/a.b/+"), "a dot is part of an element, not a separator");
        assertEquals(List.of("w/a/b/z", "w/a/z", "w/z"), sortedB.get("w/*/z"));
    }

    @Test
    @Order(5)
    void persistThenQueryAndListOnAnotherRouterAfterTheFirstIsKilled() throws Exception {
        // a router process of its own, killed with SIGKILL; an empty data directory: the registry comes from the cluster
        RouterProcess c = RouterProcess.start(dir.resolve("c"), dir, Map.of("cluster", String.join(",", nats.urls())));
        try (BosswaveClient onC = org.spawnpoint.bosswave.Bosswave.connect("127.0.0.1:" + c.port)) {
            onC.setEntity(alice.blob());
            persist(onC, "p/a", "first");
            persist(onC, "p/a", "second");
            persist(onC, "p/b/c", "deep");
            persist(onC, "l/a/x", "1");
            persist(onC, "l/a/y/z", "2");
            persist(onC, "l/ab/q", "3");
            persist(onC, "l/a", "4");
            onC.publish(PublishParams.uri(uri("p/e")).persist(true).expiryDelta(Duration.ofMillis(700))
                    .payload(PayloadObject.ofString("expires")));
        } finally {
            c.process.destroyForcibly();
            c.process.waitFor();
        }
        for (BosswaveClient client : List.of(onB, onA)) {
            assertEquals(List.of("second"), texts(client.query(QueryParams.uri(uri("p/a")))));
            assertEquals(List.of("expires", "second"), texts(client.query(QueryParams.uri(uri("p/+")))));
            assertEquals(List.of("deep"), texts(client.query(QueryParams.uri(uri("p/+/c")))));
            assertEquals(List.of(nsVk + "/l/a/x", nsVk + "/l/a/y"), sorted(client.list(ListParams.uri(uri("l/a")))));
            assertEquals(List.of(nsVk + "/l/a", nsVk + "/l/ab"), sorted(client.list(ListParams.uri(uri("l")))));
        }
        Thread.sleep(800);
        assertEquals(List.of("deep", "second"), texts(onB.query(QueryParams.uri(uri("p/*")))),
                "the expired message is gone on every router");
        assertEquals(List.of("deep", "second"), texts(onA.query(QueryParams.uri(uri("p/*")))));
    }

    @Test
    @Order(6)
    void grantAndRevocationThroughOneRouterHoldOnTheOtherWithinASecond() throws Exception {
        EntityKey carol = Fixture.entity("carol");
        Frame put = ((DefaultBosswaveClient) nsOnA).request(Frame.builder("pute", 0).po(new PayloadObject(0x30, carol.entity().encoded())))
                .get().get(0);
        assertEquals("okay", put.kv("status"), put.toString());
        try (BosswaveClient carolOnB = Fixture.client(b, carol)) {
            RouterErrorException refused = assertThrows(RouterErrorException.class,
                    () -> publish(carolOnB, "g/x", "before"));
            assertEquals(401, refused.code(), "no chain yet: " + refused.reason());
            String hash = nsOnA.createDot(CreateDotParams.access(carol.entity().vkB64(), nsVk + "/g/*", "PC")).hash();
            long took = untilPublish(carolOnB, true);
            System.out.println("grant through A honoured on B after " + took / 1_000_000 + " ms");
            assertTrue(took < 1_000_000_000L, "grant within a second, took " + took);
            Frame revoked = ((DefaultBosswaveClient) nsOnA).request(Frame.builder("revk", 0).kv("dot", hash)).get().get(0);
            assertEquals("okay", revoked.kv("status"), revoked.toString());
            long tookRevoke = untilPublish(carolOnB, false);
            System.out.println("revocation through A honoured on B after " + tookRevoke / 1_000_000 + " ms");
            assertTrue(tookRevoke < 1_000_000_000L, "revocation within a second, took " + tookRevoke);
        }
    }

    @Test
    @Order(6)
    void aRevocationOlderThanItsTargetsLastRevisionStillHoldsOnARouterThatJoinsLater() throws Exception {
        EntityKey x = Fixture.entity("x");
        Frame put = ((DefaultBosswaveClient) nsOnA).request(Frame.builder("pute", 0).po(new PayloadObject(0x30, x.entity().encoded())))
                .get().get(0);
        assertEquals("okay", put.kv("status"), put.toString());
        try (BosswaveClient xOnA = Fixture.client(a, x)) {
            Frame revoked = ((DefaultBosswaveClient) xOnA).request(Frame.builder("revk", 0).kv("entity", x.entity().vkB64())).get().get(0);
            assertEquals("okay", revoked.kv("status"), revoked.toString());
        }
        // the same VK written again with other bytes: its key's last revision now comes after the revocation's
        org.spawnpoint.bosswave.router.internal.objects.Entity again =
                org.spawnpoint.bosswave.router.internal.objects.Entity.create(x.seed(), Fixture.now(), null,
                        List.of(), "x again", null);
        put = ((DefaultBosswaveClient) nsOnA).request(Frame.builder("pute", 0).po(new PayloadObject(0x30, again.encoded()))).get().get(0);
        assertEquals("okay", put.kv("status"), put.toString());
        try (Router d = clustered(dir.resolve("d")); BosswaveClient nsOnD = Fixture.client(d, ns)) {
            Frame state = ((DefaultBosswaveClient) nsOnD).request(Frame.builder("rsro", 0).kv("key", x.entity().vkB64())).get().get(0);
            assertEquals("revoked", state.kv("validity"), state.toString());
        }
    }

    @Test
    @Order(6)
    void twoRoutersBindingOneAliasAtOnceEndWithOneBindingEverywhere() throws Exception {
        // first come, as on bw2's chain: exactly one of the racing binds wins, the other gets a single router's 514
        for (int round = 0; round < 8; round++) {
            String alias = "race" + round + ".ns";
            String vkA = Fixture.entity("ra" + round).entity().vkB64();
            String vkB = Fixture.entity("rb" + round).entity().vkB64();
            var onAReply = ((DefaultBosswaveClient) onA).request(Frame.builder("mkla", 0).kv("key", alias)
                    .kv("content", vkA));
            var onBReply = ((DefaultBosswaveClient) onB).request(Frame.builder("mkla", 0).kv("key", alias)
                    .kv("content", vkB));
            RouterErrorException ra = refusal(onAReply);
            RouterErrorException rb = refusal(onBReply);
            assertTrue(ra == null ^ rb == null, "round " + round + ": exactly one bind succeeds: " + ra + " / " + rb);
            RouterErrorException loser = ra == null ? rb : ra;
            String winner = ra == null ? vkA : vkB;
            assertEquals(514, loser.code(), loser.toString());
            assertEquals("Alias exists: '" + alias + "' is bound to " + winner, loser.reason(), loser.toString());
            for (BosswaveClient c : List.of(onA, onB)) {
                Frame resolved = ((DefaultBosswaveClient) c).request(Frame.builder("resa", 0).kv("longkey", alias))
                        .get().get(0);
                assertEquals(winner, resolved.kv("value"), "round " + round + ": " + resolved);
            }
        }
    }

    /** Null when the request was answered okay, else the router's refusal. */
    private static RouterErrorException refusal(java.util.concurrent.CompletableFuture<List<Frame>> reply)
            throws Exception {
        try {
            Frame f = reply.get().get(0);
            assertEquals("okay", f.kv("status"), f.toString());
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RouterErrorException r) {
                return r;
            }
            throw e;
        }
    }

    /** Publishes until it succeeds ({@code allowed}) or is refused; returns how long that took, in ns (max 2 s). */
    private static long untilPublish(BosswaveClient c, boolean allowed) throws InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < 2_000_000_000L) {
            boolean ok;
            try {
                publish(c, "g/x", "try");
                ok = true;
            } catch (RouterErrorException e) {
                ok = false;
            }
            if (ok == allowed) {
                return System.nanoTime() - start;
            }
            Thread.sleep(5);
        }
        throw new AssertionError((allowed ? "grant" : "revocation") + " not honoured within 2 s");
    }
}
