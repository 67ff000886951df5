package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The one load generator for all three brokers: pre-encoded publishes ({@link PublishTemplate}) written pipelined or
 * at a steady rate, deliveries counted by each protocol's {@link Protocol.Reader}. Topics are the same path in each
 * protocol's syntax ({@code hot/topic}).
 */
public final class LoadGenerator {
    static final String TOPIC = "hot/topic";
    /** A subscriber that receives nothing for this long has lost the rest (the broker dropped or cut it). */
    private static final int STALL_MS = 5_000;

    private LoadGenerator() {
    }

    /** Starts a daemon thread. */
    static Thread thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /**
     * Result of a pipelined run.
     *
     * @param rate      messages published per second, until every subscriber had every message (or stalled)
     * @param cpuMicros broker CPU time (user + system) per message published, µs
     * @param lost      messages published but not delivered, summed over subscribers
     */
    public record Throughput(double rate, double cpuMicros, long lost) {
    }

    /**
     * {@code n} publishes of 100 bytes written back to back by one publisher to {@code subscribers} subscribers of the
     * same topic. BOSSWAVE's per-publish replies are read on a thread of their own so that its socket never backs up.
     */
    public static Throughput pipelined(Broker broker, int subscribers, int n) throws Exception {
        List<Client> subs = new ArrayList<>();
        try (Client pub = Client.open(broker)) {
            for (int i = 0; i < subscribers; i++) {
                Client s = Client.open(broker);
                subs.add(s);
                s.subscribe(TOPIC);
                s.timeout(STALL_MS);
            }
            AtomicLong lastDelivery = new AtomicLong();
            AtomicLong lost = new AtomicLong();
            List<Thread> readers = new ArrayList<>();
            for (Client s : subs) {
                readers.add(thread("bench-sub", () -> {
                    long got = 0;
                    try {
                        while (got < n) {
                            if (s.in().next() == Protocol.Kind.DELIVERY) {
                                got++;
                            }
                        }
                    } catch (IOException e) {
                        // stalled or cut: the rest is lost
                    }
                    lost.addAndGet(n - got);
                    lastDelivery.accumulateAndGet(System.nanoTime(), Math::max);
                }));
            }
            Thread acks = pub.protocol().publishesAreAcknowledged() ? drainReplies(pub, n) : null;
            PublishTemplate t = pub.protocol().publish(pub.protocol().topic(TOPIC), Client.PAYLOAD, false);
            double cpu0 = broker.cpuSeconds();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                pub.out().write(t.seqNo(10 + i).bytes());
            }
            pub.out().flush();
            for (Thread r : readers) {
                r.join();
            }
            if (acks != null) {
                acks.join();
            }
            double cpu = broker.cpuSeconds() - cpu0;
            double seconds = (lastDelivery.get() - t0) / 1e9;
            return new Throughput(n / seconds, cpu * 1e6 / n, lost.get());
        } finally {
            for (Client s : subs) {
                s.close();
            }
        }
    }

    /** Reads {@code n} replies to publishes; an error reply is printed and counted as lost by the subscribers. */
    private static Thread drainReplies(Client pub, long n) {
        return thread("bench-acks", () -> {
            try {
                for (long i = 0; i < n; i++) {
                    Protocol.Kind k = pub.in().next();
                    if (k == Protocol.Kind.ERROR) {
                        System.err.println("publish refused: " + pub.in().error());
                    }
                }
            } catch (IOException e) {
                System.err.println("reading publish replies: " + e);
            }
        });
    }

    /**
     * Latency from publish to delivery at a steady {@code rate} for {@code seconds}: each publish carries its send
     * time (same clock, same process); the publisher sleeps to the next send time rather than spinning (a spinning
     * thread would take one of 2 cores from the broker) and catches up after a late wake-up, so every latency counts
     * from the real send time.
     */
    public static Histogram latency(Broker broker, int rate, double seconds) throws Exception {
        int n = (int) (rate * seconds);
        Histogram h = new Histogram(1_000, 60_000_000_000L, 3);
        try (Client sub = Client.open(broker); Client pub = Client.open(broker)) {
            sub.subscribe(TOPIC);
            sub.timeout(STALL_MS);
            Thread acks = pub.protocol().publishesAreAcknowledged() ? drainReplies(pub, n) : null;
            PublishTemplate t = pub.protocol().publish(pub.protocol().topic(TOPIC), Client.PAYLOAD, false);
            long interval = 1_000_000_000L / rate;
            Thread writer = thread("bench-paced", () -> {
                long next = System.nanoTime();
                try {
                    for (int i = 0; i < n; i++) {
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        pub.out().write(t.seqNo(10 + i).stamp(System.nanoTime()).bytes());
                        pub.out().flush();
                        next += interval;
                    }
                } catch (IOException e) {
                    System.err.println("paced publisher: " + e);
                }
            });
            try {
                for (int got = 0; got < n; ) {
                    if (sub.in().next() == Protocol.Kind.DELIVERY) {
                        long sent = PublishTemplate.readStamp(sub.in().buffer(), sub.in().payloadOffset());
                        h.recordValue(Math.max(1_000, Math.min(60_000_000_000L, System.nanoTime() - sent)));
                        got++;
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new IOException(broker.name() + ": deliveries stopped after " + h.getTotalCount() + " of " + n);
            }
            writer.join();
            if (acks != null) {
                acks.join();
            }
        }
        return h;
    }

    /**
     * Holds {@code count} wildcard subscriptions that never match {@link #TOPIC}, over 10 connections, in four shapes
     * every protocol can express ({@code hot/+/sK}, {@code +/tK}, {@code +/topic/uK}, {@code hK/*}); close them to
     * drop them.
     */
    public static List<Client> wildcardSubscriptions(Broker broker, int count) throws IOException {
        List<Client> holders = new ArrayList<>();
        int perConnection = count / 10;
        for (int c = 0; c < 10; c++) {
            Client h = Client.open(broker);
            holders.add(h);
            for (int i = 0; i < perConnection; i++) {
                int k = c * perConnection + i;
                h.subscribeNoWait(switch (k % 4) {
                    case 0 -> "hot/+/s" + k;
                    case 1 -> "+/t" + k;
                    case 2 -> "+/topic/u" + k;
                    default -> "h" + k + "/*";
                });
            }
            h.out().flush();
            for (int i = 0; i < perConnection; i++) {
                if (!h.in().awaitReply()) {
                    throw new IOException(broker.name() + " refused a wildcard subscription: " + h.in().error());
                }
            }
        }
        return holders;
    }
}
