package org.spawnpoint.bosswave.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;

/**
 * Benchmark harness (not a test; issue 15): a single router next to two routers joined over a 3-node NATS cluster
 * (nats-server on loopback), with our client, 100-byte payloads, permissions enforced. Figures: publish → delivery
 * latency (sequential round trips, p50/p99) and pipelined throughput (publishes answered and delivered), for the
 * single router, for a clustered router's own subscribers, and across routers. Rounds are interleaved. Run after
 * {@code mvn -o -pl bosswave-router -am verify -DskipTests}:
 * <pre>java -cp "bosswave-router/target/test-classes:bosswave-router/target/classes:bosswave-router/target/lib/*" \
 *   org.spawnpoint.bosswave.router.ClusterBenchmark [messages] [rounds]</pre>
 */
public final class ClusterBenchmark {
    private ClusterBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path dir = Files.createTempDirectory("bw2-cluster-bench");
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        for (String d : List.of("single", "a")) {
            Fixture.registry(dir.resolve(d), r -> {
                r.putEntity(ns.entity());
                r.putEntity(user.entity());
                r.putAlias("bench.ns", ns.entity().vk());
                r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 0));
            });
        }
        try (NatsCluster nats = NatsCluster.start(dir.resolve("nats"), 3);
             Router single = Fixture.start(dir.resolve("single"), b -> b.subscriptionQueue(1 << 20));
             Router a = Fixture.start(dir.resolve("a"), b -> b.subscriptionQueue(1 << 20).cluster(nats.urls()));
             Router b = Fixture.start(dir.resolve("b"), c -> c.subscriptionQueue(1 << 20).cluster(nats.urls()))) {
            System.out.printf("BOSSWAVE cluster benchmark, %d cores, payload 100 bytes, permissions enforced, "
                    + "%d messages per throughput round, %d rounds interleaved%n",
                    Runtime.getRuntime().availableProcessors(), n, rounds);
            Router[][] pairs = {{single, single}, {a, a}, {a, b}};
            String[] names = {"single router", "clustered, same router", "clustered, A -> B"};
            List<List<Double>> tput = new ArrayList<>();
            List<List<long[]>> lat = new ArrayList<>();
            for (int i = 0; i < pairs.length; i++) {
                tput.add(new ArrayList<>());
                lat.add(new ArrayList<>());
                throughput(pairs[i][0], pairs[i][1], user, Math.min(n, 5000)); // warm-up
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < pairs.length; i++) {
                    tput.get(i).add(throughput(pairs[i][0], pairs[i][1], user, n));
                    lat.get(i).add(latency(pairs[i][0], pairs[i][1], user, 1000));
                }
            }
            for (int i = 0; i < pairs.length; i++) {
                List<Double> t = new ArrayList<>(tput.get(i));
                Collections.sort(t);
                List<long[]> l = new ArrayList<>(lat.get(i));
                l.sort((x, y) -> Long.compare(x[0], y[0]));
                long[] mid = l.get(l.size() / 2);
                System.out.printf("%-24s throughput %,8.0f msg/s (median of %d)   latency p50 %5d us  p99 %6d us%n",
                        names[i], t.get(t.size() / 2), t.size(), mid[0], mid[1]);
            }
            // every round, for bin/bench's cluster suite (tab-separated: name, msg/s, p50 us, p99 us; one value a round)
            for (int i = 0; i < pairs.length; i++) {
                StringBuilder p50 = new StringBuilder();
                StringBuilder p99 = new StringBuilder();
                for (long[] l : lat.get(i)) {
                    p50.append(p50.length() == 0 ? "" : ",").append(l[0]);
                    p99.append(p99.length() == 0 ? "" : ",").append(l[1]);
                }
                System.out.println("result\t" + names[i] + "\t" + tput.get(i).stream().map(x -> String.valueOf(
                        Math.round(x))).collect(java.util.stream.Collectors.joining(",")) + "\t" + p50 + "\t" + p99);
            }
        } finally {
            deleteTree(dir); // the routers' and NATS nodes' data: nothing left in $TMPDIR
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        try (java.util.stream.Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static BosswaveClient client(Router r, EntityKey user) {
        return Fixture.client(r, user);
    }

    /** Pipelined publishes on {@code from}, counted on a subscriber of {@code to}; messages per second. */
    static double throughput(Router from, Router to, EntityKey user, int n) throws Exception {
        String topic = "bench.ns/t/" + System.nanoTime();
        CountDownLatch all = new CountDownLatch(n);
        byte[] payload = new byte[100];
        try (BosswaveClient pub = client(from, user); BosswaveClient sub = client(to, user);
             Subscription s = sub.subscribe(SubscribeParams.uri(topic), m -> all.countDown())) {
            long start = System.nanoTime();
            List<CompletableFuture<Void>> inFlight = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                inFlight.add(pub.publishAsync(PublishParams.uri(topic)
                        .payload(PayloadObject.of(0x40000100, payload))));
                if (inFlight.size() >= 256) {
                    inFlight.remove(0).get(30, TimeUnit.SECONDS);
                }
            }
            for (CompletableFuture<Void> f : inFlight) {
                f.get(30, TimeUnit.SECONDS);
            }
            if (!all.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException((n - all.getCount()) + " of " + n + " delivered");
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    /** Sequential publish → delivery round trips; {p50, p99} in microseconds. */
    static long[] latency(Router from, Router to, EntityKey user, int n) throws Exception {
        String topic = "bench.ns/l/" + System.nanoTime();
        AtomicLong sent = new AtomicLong();
        AtomicInteger got = new AtomicInteger();
        List<Long> us = Collections.synchronizedList(new ArrayList<>());
        Object lock = new Object();
        try (BosswaveClient pub = client(from, user); BosswaveClient sub = client(to, user);
             Subscription s = sub.subscribe(SubscribeParams.uri(topic), m -> {
                 us.add((System.nanoTime() - sent.get()) / 1000);
                 synchronized (lock) {
                     got.incrementAndGet();
                     lock.notifyAll();
                 }
             })) {
            for (int i = 0; i < n; i++) {
                synchronized (lock) {
                    int before = got.get();
                    sent.set(System.nanoTime());
                    pub.publishAsync(PublishParams.uri(topic).payload(PayloadObject.ofString("x")));
                    long deadline = System.currentTimeMillis() + 5000;
                    while (got.get() == before && System.currentTimeMillis() < deadline) {
                        lock.wait(50);
                    }
                }
            }
        }
        List<Long> sorted = new ArrayList<>(us);
        Collections.sort(sorted);
        return new long[] {sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 99 / 100)};
    }
}
