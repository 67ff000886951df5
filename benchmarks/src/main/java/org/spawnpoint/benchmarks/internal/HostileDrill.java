package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hostile-input attacks of the router's hardening work, all at once from 127.0.0.2 while a well-behaved client on
 * 127.0.0.1 publishes to its own subscriber every 10 ms: 120 connections that each declare a 64 MiB value and send one
 * byte (declared-size flood), 200 connections that never speak (idle), 50 that send a valid frame one byte every
 * 500 ms (slowloris), and fuzzers that write random and mutated publish frames on connection after connection. Reports
 * the router's RSS before and after, the frames thrown, and the well-behaved client's success rate.
 */
final class HostileDrill {
    private static final InetAddress ATTACKER;

    static {
        try {
            ATTACKER = InetAddress.getByName("127.0.0.2");
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private HostileDrill() {
    }

    /** Attacks until the fuzzers have thrown {@code frames} frames, or for {@code maxSeconds} at most. */
    static Row run(Path root, Path dir, long frames, int maxSeconds) throws Exception {
        try (Broker router = OurRouter.create(root, dir).start()) {
            Thread.sleep(1_000);
            double before = router.rssMiB();
            AtomicBoolean stop = new AtomicBoolean();
            List<Socket> held = new ArrayList<>();
            AtomicLong fuzzFrames = new AtomicLong();
            AtomicLong refusedConnects = new AtomicLong();
            long[] good = new long[2]; // attempts, successes
            double seconds;
            Thread well = LoadGenerator.thread("drill-good", () -> wellBehaved(router, stop, good));
            try {
                byte[] flood = ("publ 0000000000 0000000001\nkv uri 67000000\nx").getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 120; i++) {
                    Socket s = attacker(router, refusedConnects);
                    if (s != null) {
                        held.add(s);
                        write(s, flood);
                    }
                }
                for (int i = 0; i < 200; i++) {
                    Socket s = attacker(router, refusedConnects);
                    if (s != null) {
                        held.add(s);
                    }
                }
                List<Socket> slow = new ArrayList<>();
                for (int i = 0; i < 50; i++) {
                    Socket s = attacker(router, refusedConnects);
                    if (s != null) {
                        held.add(s);
                        slow.add(s);
                    }
                }
                Thread slowloris = LoadGenerator.thread("drill-slowloris", () -> slowloris(slow, stop));
                List<Thread> fuzzers = new ArrayList<>();
                for (int f = 0; f < 2; f++) {
                    long seed = f;
                    fuzzers.add(LoadGenerator.thread("drill-fuzz", () -> fuzz(router, stop, seed, fuzzFrames)));
                }
                long t0 = System.nanoTime();
                while (fuzzFrames.get() < frames && System.nanoTime() - t0 < maxSeconds * 1_000_000_000L) {
                    Thread.sleep(100);
                }
                seconds = (System.nanoTime() - t0) / 1e9;
                stop.set(true);
                slowloris.join();
                for (Thread t : fuzzers) {
                    t.join();
                }
                well.join();
            } finally {
                stop.set(true);
                for (Socket s : held) {
                    s.close();
                }
            }
            Thread.sleep(2_000);
            double after = router.rssMiB();
            boolean alive;
            try (Client c = Client.open(router)) {
                c.subscribe("drill/after");
                alive = true;
            } catch (IOException e) {
                alive = false;
            }
            String outcome = String.format("tried for %.0f s from 127.0.0.2: 120 connections declaring 64 MiB values, "
                    + "200 idle, 50 slowloris, %,d random and mutated frames (%,d connections refused); survived: "
                    + "router RSS %.0f → %.0f MiB, well-behaved client %,d of %,d publishes acknowledged and "
                    + "delivered (%.1f%%), router %s afterwards", seconds, fuzzFrames.get(), refusedConnects.get(),
                    before, after, good[1], good[0], 100.0 * good[1] / Math.max(1, good[0]),
                    alive ? "serving" : "NOT serving");
            RouterSuite.log("drill hostile input: %s", outcome);
            return Row.drill("router hostile input", outcome);
        }
    }

    private static Socket attacker(Broker router, AtomicLong refused) {
        try {
            Socket s = new Socket();
            s.bind(new InetSocketAddress(ATTACKER, 0));
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), router.port()), 2_000);
            return s;
        } catch (IOException e) {
            refused.incrementAndGet();
            return null;
        }
    }

    private static void write(Socket s, byte[] b) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(b);
            out.flush();
        } catch (IOException e) {
            // the router closed it: that is its defence
        }
    }

    /** One byte of a valid publish every 500 ms on each connection. */
    private static void slowloris(List<Socket> socks, AtomicBoolean stop) {
        byte[] frame = BosswaveProtocol.publish(OurRouter.NAMESPACE + "/drill/slow", new byte[100], false, 1).bytes();
        for (int i = 0; !stop.get(); i = (i + 1) % frame.length) {
            for (Socket s : socks) {
                write(s, new byte[] {frame[i]});
            }
            sleep(500);
        }
    }

    /**
     * Connection after connection: random bytes, or a valid publish with a few bytes changed, 100 frames a
     * connection or until the router closes it.
     */
    private static void fuzz(Broker router, AtomicBoolean stop, long seed, AtomicLong frames) {
        SplittableRandom rnd = new SplittableRandom(seed);
        byte[] valid = BosswaveProtocol.publish(OurRouter.NAMESPACE + "/drill/fuzz", new byte[100], false, 1).bytes();
        while (!stop.get()) {
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(ATTACKER, 0));
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), router.port()), 2_000);
                OutputStream out = s.getOutputStream();
                for (int i = 0; i < 100 && !stop.get(); i++) {
                    byte[] f;
                    if (rnd.nextBoolean()) {
                        f = new byte[1 + rnd.nextInt(300)];
                        rnd.nextBytes(f);
                    } else {
                        f = valid.clone();
                        for (int m = 1 + rnd.nextInt(4); m > 0; m--) {
                            f[rnd.nextInt(f.length)] = (byte) rnd.nextInt(256);
                        }
                    }
                    out.write(f);
                    frames.incrementAndGet();
                }
                out.flush();
            } catch (IOException e) {
                // the router closed the connection on a bad frame: the next one
            }
        }
    }

    /** Publishes to its own subscriber every 10 ms; a success is an okay reply and the delivery within 5 s. */
    private static void wellBehaved(Broker router, AtomicBoolean stop, long[] counts) {
        try (Client sub = Client.open(router); Client pub = Client.open(router)) {
            sub.subscribe("drill/good");
            sub.timeout(5_000);
            pub.timeout(5_000);
            PublishTemplate t = pub.protocol().publish(pub.protocol().topic("drill/good"), Client.PAYLOAD, false);
            for (long i = 0; !stop.get(); i++) {
                counts[0]++;
                try {
                    pub.out().write(t.seqNo(10 + i % 1_000_000).stamp(i).bytes());
                    pub.out().flush();
                    boolean ok = pub.in().awaitReply();
                    while (sub.in().next() != Protocol.Kind.DELIVERY) {
                        continue;
                    }
                    if (ok && PublishTemplate.readStamp(sub.in().buffer(), sub.in().payloadOffset()) == i) {
                        counts[1]++;
                    }
                } catch (IOException e) {
                    System.err.println("drill: the well-behaved client failed: " + e);
                    return;
                }
                sleep(10);
            }
        } catch (IOException e) {
            System.err.println("drill: the well-behaved client could not connect: " + e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
