package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * A router process with bin/bw2's JVM defaults keeps a bounded resident size while 120 connections each declare a
 * 64 MiB value and send one byte (before: 0.7 to 12 GB), and a well-behaved client keeps publishing throughout,
 * including a 32 MiB message. Connections that do send large values are bounded by maxPendingFrameBytes.
 */
class MemoryFloodIT {
    /** The RSS bound this test asserts (measured: about 100 MiB; bin/bw2's heap maximum is 768 MiB). */
    static final double RSS_BOUND_MIB = 300;
    /** About 64 MiB: a value the default maxFrameBytes (64 MiB) allows, so the router must wait for its bytes. */
    static final int DECLARED = 67_000_000;
    @TempDir
    Path dir;

    private RouterProcess start(Map<String, String> settings, EntityKey ns, EntityKey user) throws Exception {
        Path data = dir.resolve("data");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("mem.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 0));
        });
        return RouterProcess.start(data, dir, settings);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void declared64MiBValuesOn120ConnectionsCostKilobytesEach() throws Exception {
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        try (RouterProcess p = start(Map.of("maxConnectionsPerAddress", "200"), ns, user);
             BosswaveClient c = Bosswave.connect("127.0.0.1:" + p.port)) {
            c.setEntity(user.blob());
            c.publish(PublishParams.uri("mem.ns/warm").payload(PayloadObject.ofString("up")));
            double before = p.rssMiB();
            AtomicInteger published = new AtomicInteger();
            AtomicReference<Throwable> failed = new AtomicReference<>();
            Thread steady = new Thread(() -> {
                try {
                    while (!Thread.currentThread().isInterrupted()) {
                        c.publish(PublishParams.uri("mem.ns/steady").payload(PayloadObject.ofString("tick")));
                        published.incrementAndGet();
                        Thread.sleep(10);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (Throwable t) {
                    // The stop below interrupts this thread, also while a publish waits for its answer: the client
                    // then throws with the interrupt flag set. That is the end of the run, not a failure.
                    if (!Thread.currentThread().isInterrupted()) {
                        failed.set(t);
                    }
                }
            });
            steady.start();
            List<Socket> flood = new ArrayList<>();
            double peak = 0;
            try {
                for (int i = 0; i < 120; i++) {
                    Socket s = new Socket("127.0.0.1", p.port);
                    s.getOutputStream().write(ascii("publ 0000000000 " + String.format("%010d", i + 1)
                            + "\nkv uri " + DECLARED + "\nx"));
                    flood.add(s);
                }
                for (int i = 0; i < 10; i++) {
                    Thread.sleep(500);
                    peak = Math.max(peak, p.rssMiB());
                }
                for (Socket s : flood.subList(0, 5)) {
                    s.setSoTimeout(200);
                    assertEquals(List.of(), errors(s), "a flooding connection is held open, waiting for its value");
                }
                int seen = published.get();
                c.publish(PublishParams.uri("mem.ns/big").payload(PayloadObject.of(0x01000000, new byte[32 << 20])));
                peak = Math.max(peak, p.rssMiB());
                RouterIT.waitFor(() -> published.get() > seen + 10);
            } finally {
                steady.interrupt();
                steady.join(10_000);
                for (Socket s : flood) {
                    s.close();
                }
            }
            assertNull(failed.get(), "the well-behaved client failed: " + failed.get());
            System.out.printf("MemoryFloodIT: RSS %.0f MiB before, peak %.0f MiB with 120 connections declaring "
                    + "64 MiB values and a 32 MiB publish; %d steady publishes%n", before, peak, published.get());
            assertTrue(peak < RSS_BOUND_MIB, "RSS peaked at " + peak + " MiB (bound " + RSS_BOUND_MIB + ")");
            assertTrue(p.process.isAlive());
        }
    }

    @Test
    void valuesThatDoArriveAreBoundedByTheSharedBudget() throws Exception {
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        int mib = 1 << 20;
        try (RouterProcess p = start(Map.of("maxPendingFrameBytes", Integer.toString(16 * mib)), ns, user)) {
            List<Socket> senders = new ArrayList<>();
            List<String> refusals = new ArrayList<>();
            try {
                for (int i = 0; i < 4; i++) {
                    Socket s = new Socket("127.0.0.1", p.port);
                    s.setSoTimeout(500);
                    senders.add(s);
                    try {
                        s.getOutputStream().write(ascii("publ 0000000000 " + String.format("%010d", i + 1)
                                + "\nkv uri " + DECLARED + "\n"));
                        s.getOutputStream().write(new byte[6 * mib]);
                    } catch (IOException e) {
                        // refused and closed while we were still sending
                    }
                    refusals.addAll(errors(s));
                }
                assertTrue(refusals.stream().anyMatch(r -> r.contains("maxPendingFrameBytes")), refusals.toString());
            } finally {
                for (Socket s : senders) {
                    s.close();
                }
            }
            // the budget is given back when those connections end: a 6 MiB publish now succeeds
            try (BosswaveClient c = Bosswave.connect("127.0.0.1:" + p.port)) {
                c.setEntity(user.blob());
                RouterIT.waitFor(() -> {
                    try {
                        c.publish(PublishParams.uri("mem.ns/after").payload(PayloadObject.of(0x01000000,
                                new byte[6 * mib])));
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                });
            }
            assertEquals(true, p.process.isAlive());
        }
    }

    /** Error reasons the router sent on {@code s} so far (helo skipped), without waiting beyond the socket timeout. */
    private static List<String> errors(Socket s) {
        List<String> out = new ArrayList<>();
        try {
            FrameReader in = new FrameReader(s.getInputStream());
            for (Frame f = in.read(); f != null; f = in.read()) {
                if (f.kv("reason") != null) {
                    out.add(f.kv("reason"));
                }
            }
        } catch (IOException e) {
            // timeout: the connection is still being served
        }
        return out;
    }
}
