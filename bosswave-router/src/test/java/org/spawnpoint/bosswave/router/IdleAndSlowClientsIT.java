package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * Connections that send nothing, or almost nothing: the per-address limit keeps one address from locking others out,
 * and the handshake, idle and frame timeouts (shortened here) close them, each with a reason the client can read.
 */
class IdleAndSlowClientsIT {
    static final int HANDSHAKE_MS = 4000;
    static final int IDLE_MS = 2000;
    static final int FRAME_MS = 2000;
    static final int PER_ADDRESS = 64;
    @TempDir
    static Path data;
    static Router router;
    static EntityKey user;

    @BeforeAll
    static void start() throws Exception {
        user = Fixture.entity("user");
        Fixture.namespaceWithUser(data, "idle.ns", user);
        router = Fixture.start(data, b -> b.handshakeTimeoutMs(HANDSHAKE_MS).idleTimeoutMs(IDLE_MS)
                .frameTimeoutMs(FRAME_MS).maxConnectionsPerAddress(PER_ADDRESS).maxConnections(5000));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static Socket from(String local) throws IOException {
        Socket s = new Socket("127.0.0.1", router.port(), InetAddress.getByName(local), 0);
        s.setSoTimeout(15_000);
        return s;
    }

    /** Reads frames until the router closes; returns them (the helo first). */
    private static List<Frame> untilClosed(Socket s) throws IOException {
        FrameReader in = new FrameReader(s.getInputStream());
        List<Frame> got = new ArrayList<>();
        for (Frame f = in.read(); f != null; f = in.read()) {
            got.add(f);
        }
        return got;
    }

    @Test
    void aThousandIdleSocketsFromOneAddressDoNotLockOutAnother() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try (LogCapture log = new LogCapture()) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                idle.add(from("127.0.0.1"));
            }
            // another address is served at once
            try (RawClient other = new RawClient("127.0.0.2", router.port())) {
                other.setEntity(user.blob());
                assertEquals("okay", other.callOne(Frame.builder("publ", 0).kv("uri", "idle.ns/x")
                        .po(PayloadObject.ofString("served"))).kv("status"));
            }
            // a client on the locked-out address is told why (what spawnctl prints)
            BosswaveException refused = assertThrows(BosswaveException.class, () -> {
                try (BosswaveClient c = org.spawnpoint.bosswave.Bosswave.connect(router.address())) {
                    c.setEntity(user.blob());
                }
            });
            assertTrue(refused.getMessage().contains("maxConnectionsPerAddress"), refused.getMessage());

            int refusedCount = 0;
            int timedOut = 0;
            for (Socket s : idle) {
                List<Frame> got = untilClosed(s);
                assertEquals("helo", got.get(0).command());
                assertEquals(2, got.size(), "helo, then one error before the close: " + got);
                String reason = got.get(1).kv("reason");
                assertEquals(0, got.get(1).seqNo());
                if (reason.contains("maxConnectionsPerAddress")) {
                    refusedCount++;
                } else {
                    assertTrue(reason.contains("handshakeTimeoutMs"), reason);
                    timedOut++;
                }
                s.close();
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(timedOut >= PER_ADDRESS, timedOut + " were closed by the handshake timeout");
            assertTrue(refusedCount >= 900, refusedCount + " were refused");
            assertTrue(ms < HANDSHAKE_MS + 10_000, "all 1000 were closed within " + ms + " ms");
            // 1000 bad connections: a few lines per kind, not one per connection
            int warnings = log.lines(Level.WARN, "").size();
            assertTrue(warnings <= 4 * 5, warnings + " warnings: " + log.lines(Level.WARN, ""));
        } finally {
            for (Socket s : idle) {
                s.close();
            }
        }
    }

    @Test
    void anIdleConnectionIsClosedButAnIdleSubscriberIsNot() throws Exception {
        try (RawClient idle = new RawClient("127.0.0.4", router.port());
             BosswaveClient subscriber = Fixture.client(router, user)) {
            List<Message> got = new CopyOnWriteArrayList<>();
            try (Subscription s = subscriber.subscribe(SubscribeParams.uri("idle.ns/sub"), got::add)) {
                assertEquals("okay", idle.callOne(Frame.builder("bcip", 0)).kv("status"));
                long t0 = System.nanoTime();
                Frame bye = idle.read();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(0, bye.seqNo());
                assertTrue(bye.kv("reason").contains("idleTimeoutMs"), bye.kv("reason"));
                assertNull(idle.read());
                assertTrue(ms >= IDLE_MS - 100 && ms < IDLE_MS + 3000, "closed after " + ms + " ms");
                Thread.sleep(IDLE_MS);
                try (BosswaveClient pub = Fixture.client(router, user)) {
                    pub.publish(PublishParams.uri("idle.ns/sub").payload(PayloadObject.ofString("still there")));
                }
                RouterIT.waitFor(() -> got.size() == 1);
            }
        }
    }

    /** 50 connections that trickle a 31-byte frame at a byte per 100 ms are closed by the frame timeout. */
    @Test
    void slowlorisConnectionsAreClosedByTheFrameTimeout() throws Exception {
        byte[] frame = "bcip 0000000004 0000000002\nend\n".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(31, frame.length);
        List<Socket> slow = new ArrayList<>();
        List<FrameReader> readers = new ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                Socket s = from("127.0.0.3");
                FrameReader in = new FrameReader(s.getInputStream());
                assertEquals("helo", in.read().command());
                s.getOutputStream().write("bcip 0000000004 0000000001\nend\n".getBytes(StandardCharsets.ISO_8859_1));
                assertEquals(1, in.read().seqNo(), "a complete frame is answered");
                slow.add(s);
                readers.add(in);
            }
            long t0 = System.nanoTime();
            boolean[] closed = new boolean[slow.size()];
            for (int b = 0; b < frame.length; b++) {
                for (int i = 0; i < slow.size(); i++) {
                    if (!closed[i]) {
                        try {
                            slow.get(i).getOutputStream().write(frame[b]);
                        } catch (IOException e) {
                            closed[i] = true;
                        }
                    }
                }
                Thread.sleep(100);
            }
            for (int i = 0; i < slow.size(); i++) {
                slow.get(i).setSoTimeout(5000);
                Frame bye;
                try {
                    bye = readers.get(i).read();
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("slowloris connection " + i + " still open", e);
                }
                assertEquals(0, bye.seqNo(), "the trickled frame is never answered: " + bye);
                assertTrue(bye.kv("reason").contains("frameTimeoutMs"), bye.kv("reason"));
                assertNull(readers.get(i).read());
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= FRAME_MS, "closed after " + ms + " ms");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
