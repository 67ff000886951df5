package org.spawnpoint.bosswave.router;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * Benchmark harness (not a test): prints figures. 1 publisher → 1 subscriber over raw sockets, 100-byte payloads,
 * permissions on (they always are). Run after {@code mvn -o -pl bosswave-router -am install -DskipTests} and
 * {@code mvn -o -pl bosswave-router test-compile}:
 * <pre>java -cp "bosswave-router/target/test-classes:bosswave-router/target/classes:bosswave-router/target/lib/*" \
 *   org.spawnpoint.bosswave.router.RouterBenchmark [messages] [on-demand|always] [all|throughput|latency] \
 *   [busyPollMicros]</pre>
 * The second argument is the router's {@code resultSignatures} (default on-demand, the router's default); with
 * {@code throughput} or {@code latency} only those figures are measured (e.g. under a profiler); the last is the
 * router's {@code busyPollMicros} (default 0, the router's default).
 */
public final class RouterBenchmark {
    private static final String URI = "bench.ns/hot/topic";

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        RouterConfig.ResultSignatures signatures = args.length > 1 ? RouterConfig.ResultSignatures.parse(args[1])
                : RouterConfig.ResultSignatures.ON_DEMAND;
        String only = args.length > 2 ? args[2] : "all";
        int busyPoll = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        Path data = Files.createTempDirectory("bw2-bench");
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("bench.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 0));
        });
        try (Router router = Fixture.start(data, b -> b.subscriptionQueue(1 << 20).resultSignatures(signatures)
                .busyPollMicros(busyPoll))) {
            System.out.printf("BOSSWAVE router benchmark, %d cores, payload 100 bytes, permissions enforced, "
                    + "resultSignatures=%s, busyPollMicros=%d%n", Runtime.getRuntime().availableProcessors(), signatures,
                    busyPoll);
            for (int i = 0; i < 3; i++) {
                throughput(router, user, n, false); // warm-up: the JIT compiles the hot paths
            }
            if (only.equals("latency")) {
                latencies(router, user);
                return;
            }
            double[] rates = new double[5];
            for (int i = 0; i < rates.length; i++) {
                rates[i] = throughput(router, user, n, false);
            }
            Arrays.sort(rates);
            System.out.printf("throughput, pipelined publishes: %,.0f msg/s delivered (median of 5 runs of %,d "
                    + "messages; min %,.0f, max %,.0f)%n", rates[2], n, rates[0], rates[4]);
            if (only.equals("throughput")) {
                return;
            }
            latencies(router, user);
            double empty = publishCost(router, user, n / 2, "empty table", true);
            double emptyNoSub = publishCost(router, user, n, "empty table", false);
            List<Socket> holders = wildcardSubscriptions(router, user, 10_000);
            double full = publishCost(router, user, n / 2, "10,000 wildcard subscriptions", true);
            double fullNoSub = publishCost(router, user, n, "10,000 wildcard subscriptions", false);
            System.out.printf("publish cost ratio (10,000 wildcard subscriptions / empty): %.2fx with a subscriber, "
                    + "%.2fx without one%n", full / empty, fullNoSub / emptyNoSub);
            for (Socket s : holders) {
                s.close();
            }
        }
        tableMatchCost();
    }

    private static void latencies(Router router, EntityKey user) throws Exception {
        latency(router, user, 1_000, 3_000, true, false); // warm-up
        for (boolean replyThread : new boolean[] {true, false}) {
            latency(router, user, 1_000, 10_000, replyThread, true);
            latency(router, user, 10_000, 30_000, replyThread, true);
        }
        relayBaseline(10_000, 30_000);
    }

    /** The subscription trie alone: one match of a 3-element URI, empty vs 10,000 wildcard patterns. */
    private static void tableMatchCost() {
        org.spawnpoint.bosswave.router.internal.SubscriptionTable<Object> empty =
                new org.spawnpoint.bosswave.router.internal.SubscriptionTable<>();
        org.spawnpoint.bosswave.router.internal.SubscriptionTable<Object> full =
                new org.spawnpoint.bosswave.router.internal.SubscriptionTable<>();
        for (int k = 0; k < 10_000; k++) {
            String pattern = switch (k % 4) {
                case 0 -> "hot/+/s" + k;
                case 1 -> "*/t" + k;
                case 2 -> "+/topic/u" + k;
                default -> "h" + k + "/*";
            };
            full.add("ns", org.spawnpoint.bosswave.router.internal.UriPattern.parse(pattern), new Object());
        }
        Object exact = new Object();
        empty.add("ns", org.spawnpoint.bosswave.router.internal.UriPattern.parse("hot/topic"), exact);
        full.add("ns", org.spawnpoint.bosswave.router.internal.UriPattern.parse("hot/topic"), exact);
        String[] uri = {"hot", "topic"};
        for (int round = 0; round < 3; round++) {
            double e = matchNs(empty, uri);
            double f = matchNs(full, uri);
            if (round == 2) {
                System.out.printf("subscription table match: %.0f ns empty, %.0f ns with 10,000 wildcard patterns "
                        + "(%.2fx)%n", e, f, f / e);
            }
        }
    }

    private static double matchNs(org.spawnpoint.bosswave.router.internal.SubscriptionTable<Object> t, String[] uri) {
        List<Object> out = new ArrayList<>();
        int n = 2_000_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            out.clear();
            t.match("ns", uri, out);
        }
        if (out.size() != 1) {
            throw new IllegalStateException("expected exactly the exact subscription, got " + out.size());
        }
        return (System.nanoTime() - t0) / (double) n;
    }

    private static Socket connect(Router router, EntityKey user) throws IOException {
        Socket s = new Socket("127.0.0.1", router.port());
        s.setTcpNoDelay(true);
        FrameReader r = new FrameReader(s.getInputStream());
        r.read(); // helo
        s.getOutputStream().write(FrameCodec.encode(Frame.builder("sete", 1)
                .po(new PayloadObject(RoutingObject.ENTITY_WITH_KEY, user.blob())).build()));
        s.getOutputStream().flush();
        r.read();
        return s;
    }

    /** Writes the seqno into an encoded frame (header bytes 16..25), as a client's encoder would have. */
    private static byte[] withSeqNo(byte[] frame, long seq) {
        long v = seq;
        for (int i = 25; i >= 16; i--) {
            frame[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        return frame;
    }

    private static byte[] publishFrame(long seq, byte[] payload) {
        return FrameCodec.encode(Frame.builder("publ", seq).kv("autochain", "true").kv("uri", URI)
                .kv("elaborate_pac", "partial").kv("doverify", "true").kv("persist", "false")
                .po(PayloadObject.of(0x40000100, payload)).build());
    }

    /** A subscriber socket on URI (unpacked results, as bw2bind asks), after its resp. */
    private static Socket subscriber(Router router, EntityKey user, FrameReader[] readerOut) throws IOException {
        Socket s = connect(router, user);
        s.getOutputStream().write(FrameCodec.encode(Frame.builder("subs", 2).kv("autochain", "true").kv("uri", URI)
                .kv("elaborate_pac", "partial").kv("unpack", "true").kv("doverify", "true").build()));
        s.getOutputStream().flush();
        FrameReader r = reader(s.getInputStream());
        r.read();
        readerOut[0] = r;
        return s;
    }

    /** A client's reader with a 64 KiB buffer: a stream of results is read in few calls. */
    private static FrameReader reader(java.io.InputStream in) {
        return new FrameReader(in, org.spawnpoint.bosswave.wire.FrameLimits.DEFAULT, 1 << 16);
    }

    /** Drains publish replies so the publisher's socket never backs up. */
    private static Thread drain(Socket pub, long expected, CountDownLatch done) {
        Thread t = new Thread(() -> {
            try {
                FrameReader r = reader(pub.getInputStream());
                for (long i = 0; i < expected; i++) {
                    Frame f = r.read();
                    if (!"okay".equals(f.kv("status"))) {
                        System.err.println("publish failed: " + f);
                        System.exit(1);
                    }
                }
                done.countDown();
            } catch (IOException e) {
                // the benchmark closed the socket
            }
        }, "bench-drain");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Returns messages per second delivered. The publisher writes pre-encoded frames (only the seqno changes) so that
     * the figure is the router's and not the encoder's (see CodecBenchmark); the subscriber decodes every result.
     */
    private static double throughput(Router router, EntityKey user, int n, boolean print) throws Exception {
        FrameReader[] sr = new FrameReader[1];
        try (Socket sub = subscriber(router, user, sr); Socket pub = connect(router, user)) {
            CountDownLatch acked = new CountDownLatch(1);
            drain(pub, n, acked);
            byte[] frame = publishFrame(0, new byte[100]);
            OutputStream out = new BufferedOutputStream(pub.getOutputStream(), 1 << 16);
            long t0 = System.nanoTime();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        out.write(withSeqNo(frame, 10 + i));
                    }
                    out.flush();
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            writer.start();
            for (int i = 0; i < n; i++) {
                sr[0].read();
            }
            long dt = System.nanoTime() - t0;
            acked.await(60, TimeUnit.SECONDS);
            if (print) {
                System.out.printf("throughput, pipelined publishes: %d messages in %.2f s = %,.0f msg/s delivered%n",
                        n, dt / 1e9, n / (dt / 1e9));
            }
            return n / (dt / 1e9);
        }
    }

    /**
     * Latency percentiles at a steady rate. The publisher reads its {@code okay} replies either on a thread of their
     * own that wakes for each one, or on its sending thread between sends (as a single-threaded client would). On
     * this 2-core machine the first competes with the subscriber for a core at the very moment that is measured,
     * which says more about co-locating both clients than about the router; both figures are printed.
     */
    private static void latency(Router router, EntityKey user, int rate, int n, boolean replyThread, boolean print)
            throws Exception {
        FrameReader[] sr = new FrameReader[1];
        try (Socket sub = subscriber(router, user, sr); Socket pub = connect(router, user)) {
            long[] lat;
            if (replyThread) {
                drain(pub, n, new CountDownLatch(1));
                lat = pacedLatencies(pub.getOutputStream(), sr[0], rate, n, () -> { });
            } else {
                var in = pub.getInputStream();
                FrameReader replies = new FrameReader(in);
                long[] got = {0};
                Runnable readArrived = () -> {
                    try {
                        while (replies.buffered() > 0 || in.available() > 0) {
                            checkOkay(replies.read());
                            got[0]++;
                        }
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
                lat = pacedLatencies(pub.getOutputStream(), sr[0], rate, n, readArrived);
                while (got[0] < n) {
                    checkOkay(replies.read());
                    got[0]++;
                }
            }
            if (print) {
                report("latency at " + String.format("%,d", rate) + " msg/s (" + n + " messages, publish → subscriber "
                        + "socket, publisher reads its replies " + (replyThread ? "on a thread of their own"
                        : "between sends") + ")", lat);
            }
        }
    }

    private static void checkOkay(Frame f) {
        if (!"okay".equals(f.kv("status"))) {
            System.err.println("publish failed: " + f);
            System.exit(1);
        }
    }

    /**
     * The floor under any router on this machine: one thread that only copies bytes from the publisher's socket to
     * the subscriber's (no parsing, no checks), measured the same way. The router's own cost is the difference.
     */
    private static void relayBaseline(int rate, int n) throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 2,
                java.net.InetAddress.getLoopbackAddress())) {
            Socket pub = new Socket("127.0.0.1", server.getLocalPort());
            Socket relayIn = server.accept();
            Socket sub = new Socket("127.0.0.1", server.getLocalPort());
            Socket relayOut = server.accept();
            for (Socket s : List.of(pub, relayIn, sub, relayOut)) {
                s.setTcpNoDelay(true);
            }
            Thread relay = new Thread(() -> {
                byte[] buf = new byte[1 << 16];
                try {
                    var in = relayIn.getInputStream();
                    var out = relayOut.getOutputStream();
                    for (int r; (r = in.read(buf)) > 0; ) {
                        out.write(buf, 0, r);
                    }
                } catch (IOException e) {
                    // the benchmark closed the sockets
                }
            }, "bench-relay");
            relay.setDaemon(true);
            relay.start();
            try (pub; relayIn; sub; relayOut) {
                long[] lat = pacedLatencies(pub.getOutputStream(), new FrameReader(sub.getInputStream()), rate, n,
                        () -> { });
                report("baseline: a bare byte relay at " + String.format("%,d", rate) + " msg/s (" + n
                        + " messages, no router)", lat);
            }
        }
    }

    /**
     * Sends publishes at {@code rate} per second, each stamped with its send time, running {@code betweenSends} after
     * each; returns the sorted latencies.
     */
    private static long[] pacedLatencies(OutputStream out, FrameReader sub, int rate, int n, Runnable betweenSends)
            throws Exception {
        long interval = 1_000_000_000L / rate;
        AtomicLong failures = new AtomicLong();
        Thread writer = new Thread(() -> {
            try {
                long next = System.nanoTime();
                byte[] payload = new byte[100];
                for (int i = 0; i < n; i++) {
                    // sleep until the send time (spinning would take a core from the router on this 2-core
                    // machine); a late wake-up sends late, and the schedule catches up, so the average rate holds
                    // and every latency is measured from the real send time
                    long wait = next - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                    long now = System.nanoTime();
                    for (int b = 0; b < 8; b++) {
                        payload[b] = (byte) (now >>> (8 * b));
                    }
                    out.write(publishFrame(10 + i, payload));
                    out.flush();
                    next += interval;
                    betweenSends.run();
                }
            } catch (IOException | RuntimeException e) {
                failures.incrementAndGet();
            }
        }, "bench-paced-publisher");
        writer.start();
        long[] lat = new long[n];
        for (int i = 0; i < n; i++) {
            Frame f = sub.read();
            long now = System.nanoTime();
            byte[] p = f.pos().get(0).content();
            long sent = 0;
            for (int b = 7; b >= 0; b--) {
                sent = sent << 8 | (p[b] & 255);
            }
            lat[i] = now - sent;
        }
        writer.join();
        if (failures.get() > 0) {
            throw new IOException("the paced publisher failed");
        }
        Arrays.sort(lat);
        return lat;
    }

    private static void report(String what, long[] lat) {
        int n = lat.length;
        System.out.printf("%s: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, p99.9 %.1f µs, max %.1f µs%n", what,
                pct(lat, 50), pct(lat, 90), pct(lat, 99), pct(lat, 99.9), lat[n - 1] / 1e3);
    }

    private static double pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)] / 1e3;
    }

    /**
     * Pipelined publishes to URI, with one exact subscriber or without one (nothing to deliver); returns µs per publish (router-side cost).
     */
    private static double publishCost(Router router, EntityKey user, int n, String label, boolean withSubscriber)
            throws Exception {
        throughput(router, user, Math.min(n, 20_000), false);
        FrameReader[] sr = new FrameReader[1];
        try (Socket sub = withSubscriber ? subscriber(router, user, sr) : new Socket();
             Socket pub = connect(router, user)) {
            CountDownLatch acked = new CountDownLatch(1);
            drain(pub, n, acked);
            byte[] frame = publishFrame(0, new byte[100]);
            OutputStream out = new BufferedOutputStream(pub.getOutputStream(), 1 << 16);
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; withSubscriber && i < n; i++) {
                        sr[0].read();
                    }
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            reader.start();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                out.write(withSeqNo(frame, 10 + i));
            }
            out.flush();
            acked.await(120, TimeUnit.SECONDS);
            long dt = System.nanoTime() - t0;
            reader.join();
            double us = dt / 1e3 / n;
            System.out.printf("publish cost with %s (%d live subscriptions), %s: %.2f µs per publish "
                            + "(%,.0f publishes/s)%n", label, router.subscriptionCount(),
                    withSubscriber ? "1 subscriber" : "no matching subscriber", us, n / (dt / 1e9));
            return us;
        }
    }

    /** 10,000 wildcard subscriptions in the same namespace that do not match URI, spread over 10 connections. */
    private static List<Socket> wildcardSubscriptions(Router router, EntityKey user, int count) throws Exception {
        List<Socket> socks = new ArrayList<>();
        int perConn = count / 10;
        for (int c = 0; c < 10; c++) {
            Socket s = connect(router, user);
            socks.add(s);
            OutputStream out = new BufferedOutputStream(s.getOutputStream());
            for (int i = 0; i < perConn; i++) {
                int k = c * perConn + i;
                String pattern = switch (k % 4) {
                    case 0 -> "bench.ns/hot/+/s" + k;
                    case 1 -> "bench.ns/*/t" + k;
                    case 2 -> "bench.ns/+/topic/u" + k;
                    default -> "bench.ns/h" + k + "/*";
                };
                out.write(FrameCodec.encode(Frame.builder("subs", 10 + i).kv("uri", pattern).kv("unpack", "true").build()));
            }
            out.flush();
            FrameReader r = new FrameReader(s.getInputStream());
            for (int i = 0; i < perConn; i++) {
                Frame f = r.read();
                if (!"okay".equals(f.kv("status"))) {
                    throw new IllegalStateException("subscribe failed: " + f);
                }
            }
        }
        return socks;
    }
}
