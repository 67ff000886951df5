package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fault drills against our router in its own process (shipped flags, fsync on as shipped), each printing what was
 * tried and what survived: {@code kill -9} right after N acknowledged persists, then a restart and a query; and 50
 * clients persisting at once while 3 subscribers count what they get (lost, duplicated, out of order); and the
 * hostile-input attacks ({@link HostileDrill}).
 */
final class Drills {
    private Drills() {
    }

    static List<Row> run(Path root, Path work, boolean quick) throws Exception {
        List<Row> rows = new ArrayList<>();
        rows.add(killAfterPersists(root, Files.createDirectories(work.resolve("drill-kill")), quick ? 1_000 : 10_000));
        rows.add(manyClients(root, Files.createDirectories(work.resolve("drill-many")), 50, quick ? 100 : 1_000));
        rows.add(HostileDrill.run(root, Files.createDirectories(work.resolve("drill-hostile")),
                quick ? 100_000 : 1_000_000, quick ? 8 : 90));
        return rows;
    }

    /** N persists to distinct URIs, pipelined; kill -9 as soon as the last is acknowledged; restart; query them. */
    static Row killAfterPersists(Path root, Path dir, int n) throws Exception {
        Broker router = OurRouter.create(root, dir).start();
        long acked = 0;
        try {
            try (Client c = Client.open(router)) {
                PublishTemplate[] t = new PublishTemplate[n];
                for (int i = 0; i < n; i++) {
                    t[i] = c.protocol().publish(c.protocol().topic("drill/persist/m" + i), Client.PAYLOAD, true);
                    c.out().write(t[i].seqNo(10 + i).stamp(i).bytes());
                }
                c.out().flush();
                for (int i = 0; i < n; i++) {
                    Protocol.Kind k = c.in().next();
                    if (k == Protocol.Kind.OK) {
                        acked++;
                    } else if (k == Protocol.Kind.ERROR) {
                        System.err.println("persist refused: " + c.in().error());
                    }
                }
                router.kill9();
            }
            router.start();
            BitSet found = new BitSet(n);
            long results = 0;
            try (Client q = Client.open(router)) {
                BosswaveProtocol bw = (BosswaveProtocol) q.protocol();
                q.out().write(bw.query(bw.topic("drill/persist/*"), 2));
                q.out().flush();
                if (!q.in().awaitReply()) {
                    throw new IOException("query refused: " + q.in().error());
                }
                for (Protocol.Kind k; (k = q.in().next()) != Protocol.Kind.END; ) {
                    if (k == Protocol.Kind.DELIVERY) {
                        results++;
                        found.set((int) PublishTemplate.readStamp(q.in().buffer(), q.in().payloadOffset()));
                    }
                }
            }
            String outcome = String.format("tried: %,d persists to distinct URIs, %,d acknowledged, kill -9 right "
                    + "after the last acknowledgement, restart; survived: query returned %,d (%,d distinct), "
                    + "%,d acknowledged missing", n, acked, results, found.cardinality(), acked - found.cardinality());
            RouterSuite.log("drill kill -9 after persists: %s", outcome);
            return Row.drill("router kill -9 after acknowledged persists", outcome);
        } finally {
            router.close();
        }
    }

    /**
     * {@code clients} publishers persist {@code each} messages at once, each to its own URI, while 3 subscribers of
     * the whole tree check every message's (client, number) arrives once and in each client's order.
     */
    static Row manyClients(Path root, Path dir, int clients, int each) throws Exception {
        try (Broker router = OurRouter.create(root, dir).start()) {
            List<Client> subs = new ArrayList<>();
            AtomicLong received = new AtomicLong();
            AtomicLong duplicates = new AtomicLong();
            AtomicLong outOfOrder = new AtomicLong();
            AtomicLong missing = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            long expected = (long) clients * each;
            List<Thread> threads = new ArrayList<>();
            try {
                for (int s = 0; s < 3; s++) {
                    Client c = Client.open(router);
                    c.subscribe("drill/many/*");
                    c.timeout(10_000);
                    subs.add(c);
                    threads.add(LoadGenerator.thread("drill-sub", () -> subscriber(c, clients, each, received,
                            duplicates, outOfOrder, missing)));
                }
                long t0 = System.nanoTime();
                List<Thread> pubs = new ArrayList<>();
                for (int k = 0; k < clients; k++) {
                    int client = k;
                    pubs.add(LoadGenerator.thread("drill-pub", () -> publisher(router, client, each, refused)));
                }
                for (Thread t : pubs) {
                    t.join();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                for (Thread t : threads) {
                    t.join();
                }
                String outcome = String.format("tried: %d clients × %,d persists (each its own URI) at once, 3 "
                        + "subscribers; survived: %,d acknowledged in %.1f s (%,.0f/s), %,d refused; subscribers got "
                        + "%,d of %,d: %,d lost, %,d duplicated, %,d out of order", clients, each,
                        expected - refused.get(), seconds, expected / seconds, refused.get(), received.get(),
                        3 * expected, missing.get(), duplicates.get(), outOfOrder.get());
                RouterSuite.log("drill 50 clients: %s", outcome);
                return Row.drill(clients + " clients × " + each + " persists, 3 subscribers", outcome);
            } finally {
                for (Client c : subs) {
                    c.close();
                }
            }
        }
    }

    private static void publisher(Broker router, int client, int each, AtomicLong refused) {
        try (Client c = Client.open(router)) {
            PublishTemplate t = c.protocol().publish(c.protocol().topic("drill/many/c" + client), Client.PAYLOAD, true);
            for (int i = 0; i < each; i++) {
                c.out().write(t.seqNo(10 + i).stamp((long) client << 32 | i).bytes());
            }
            c.out().flush();
            for (int i = 0; i < each; i++) {
                if (c.in().awaitReply()) {
                    continue;
                }
                refused.incrementAndGet();
            }
        } catch (IOException e) {
            System.err.println("drill publisher " + client + ": " + e);
            refused.addAndGet(each);
        }
    }

    private static void subscriber(Client c, int clients, int each, AtomicLong received, AtomicLong duplicates,
                                   AtomicLong outOfOrder, AtomicLong missing) {
        int[] next = new int[clients];
        BitSet seen = new BitSet(clients * each);
        long got = 0;
        try {
            while (got < (long) clients * each) {
                if (c.in().next() == Protocol.Kind.DELIVERY) {
                    long v = PublishTemplate.readStamp(c.in().buffer(), c.in().payloadOffset());
                    int client = (int) (v >>> 32);
                    int i = (int) v;
                    got++;
                    if (seen.get(client * each + i)) {
                        duplicates.incrementAndGet();
                    }
                    seen.set(client * each + i);
                    if (i != next[client]) {
                        outOfOrder.incrementAndGet();
                    }
                    next[client] = i + 1;
                }
            }
        } catch (IOException e) {
            // stalled for 10 s: the rest is lost
        }
        received.addAndGet(got);
        missing.addAndGet((long) clients * each - seen.cardinality());
    }
}
