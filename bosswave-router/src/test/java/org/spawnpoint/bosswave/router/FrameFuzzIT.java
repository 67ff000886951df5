package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.bosswave.wire.MalformedFrameException;

/**
 * Malformed frames over real sockets: each one either is answered and the connection goes on (the probe after it is
 * answered too), or gets a {@code resp error} naming what was wrong before its connection closes; never a silent
 * close, never an uncaught exception in the router. {@code -Dfuzz.count=N} (default 20,000) and {@code -Dfuzz.seed=S}
 * (default 11) make a run reproducible or longer: {@code mvn -o -pl bosswave-router verify -Dit.test=FrameFuzzIT
 * -Dfuzz.count=1000000}.
 */
class FrameFuzzIT {
    @TempDir
    static Path data;
    static Router router;
    static EntityKey user;
    static final byte[] PROBE = FrameCodec.encode(Frame.builder("bcip", 4_000_000_000L).build());

    @BeforeAll
    static void start() throws Exception {
        user = Fixture.entity("user");
        Fixture.namespaceWithUser(data, "fuzz.ns", user);
        router = Fixture.start(data, b -> b.maxFrameBytes(1 << 20).handshakeTimeoutMs(5000).frameTimeoutMs(5000));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Sends a valid sete, then {@code bad}, then a probe, then half-closes; returns every reply until the close. */
    private static List<Frame> exchange(byte[] bad) throws IOException {
        try (Socket s = new Socket("127.0.0.1", router.port())) {
            s.setSoTimeout(20_000);
            FrameReader in = new FrameReader(s.getInputStream());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(FrameCodec.encode(Frame.builder("sete", 1).po(new PayloadObject(50, user.blob())).build()));
            out.write(bad);
            out.write(PROBE);
            try {
                s.getOutputStream().write(out.toByteArray());
                s.shutdownOutput();
            } catch (IOException e) {
                // the router may close before it has read everything; the replies tell what happened
            }
            List<Frame> got = new ArrayList<>();
            try {
                for (Frame f = in.read(); f != null; f = in.read()) {
                    got.add(f);
                }
            } catch (MalformedFrameException e) {
                throw new AssertionError("the router sent a malformed frame", e);
            } catch (IOException e) {
                // a reset after the router closed: what arrived before it counts
            }
            return got;
        }
    }

    /**
     * Passes when the router answered what it parsed of {@code bad} (and the probe) before the close: the probe's
     * reply, an error with a reason, or a reply to the mutated frame itself (a mutation can turn the probe's header
     * into a line the peers skip, so that the probe's {@code end} ends the mutated frame). A malformed frame always
     * gets an error: only a close without any reply after the sete's fails.
     */
    private static void assertHandled(byte[] bad, List<Frame> got) {
        String text = new String(bad, 0, Math.min(bad.length, 200), StandardCharsets.ISO_8859_1);
        assertTrue(!got.isEmpty() && got.get(0).command().equals("helo"), "no helo for " + text);
        boolean probeAnswered = got.stream().anyMatch(f -> f.seqNo() == 4_000_000_000L);
        boolean errorReply = got.stream().anyMatch(f -> "error".equals(f.kv("status")) && f.kv("reason") != null
                && !f.kv("reason").isEmpty());
        boolean answered = got.stream().skip(2).anyMatch(f -> f.command().equals("resp"));
        assertTrue(probeAnswered || errorReply || answered, "closed without an error reply after: " + text + " -> "
                + got);
    }

    @Test
    void theAttackersFramesGetErrorReplies() throws Exception {
        try (LogCapture log = new LogCapture()) {
            List<Frame> got = exchange(ascii("publ 00000000x5 9999999999\nend\n"));
            Frame err = got.get(got.size() - 1);
            assertEquals(0, err.seqNo(), "9999999999 is no seqno a reply can carry: " + got);
            assertEquals("425", err.kv("code"));
            assertTrue(err.kv("reason").contains("header.length"), err.kv("reason"));
            got = exchange(ascii("publ 0000000000 0000000042\nkv uri 12x\nabc\nend\n"));
            err = got.get(got.size() - 1);
            assertEquals(42, err.seqNo());
            assertTrue(err.kv("reason").contains("kv[0].length"), err.kv("reason"));
            got = exchange(ascii("publ 0000000000 0000000043\npo 1.2.3.4:99 2\nhi\nend\n"));
            assertEquals(43, got.get(got.size() - 1).seqNo());
            assertTrue(got.get(got.size() - 1).kv("reason").contains("po[0].type"));
            assertEquals(List.of(), log.lines(Level.ERROR, ""), "no internal error");
        }
    }

    @Test
    void mutatedAndRandomFramesAlwaysGetAnAnswer() throws Exception {
        int count = Integer.getInteger("fuzz.count", 20_000);
        long seed = Long.getLong("fuzz.seed", 11);
        Random rnd = new Random(seed);
        List<byte[]> seeds = List.of(
                FrameCodec.encode(Frame.builder("publ", 7).kv("uri", "fuzz.ns/a/b").po(PayloadObject.ofString("x"))
                        .build()),
                FrameCodec.encode(Frame.builder("subs", 8).kv("uri", "fuzz.ns/+/b").kv("unpack", "true").build()),
                FrameCodec.encode(Frame.builder("pers", 9).kv("uri", "fuzz.ns/p").kv("expirydelta", "10s")
                        .po(PayloadObject.of(0x40000100, new byte[]{1, 2, 3})).build()),
                FrameCodec.encode(Frame.builder("quer", 10).kv("uri", "fuzz.ns/*").build()),
                FrameCodec.encode(Frame.builder("make", 11).kv("contact", "c").kv("comment", "d").build()),
                FrameCodec.encode(Frame.builder("mkla", 12).kv("key", "k").kv("content", "v").build()),
                ascii("publ 00000000x5 9999999999\nend\n"));
        try (LogCapture log = new LogCapture()) {
            for (int i = 0; i < count; i++) {
                byte[] bad = i % 4 == 3 ? random(rnd) : mutate(seeds.get(rnd.nextInt(seeds.size())), rnd);
                List<Frame> got = exchange(bad);
                assertHandled(bad, got);
            }
            assertEquals(List.of(), log.lines(Level.ERROR, ""), "no internal error (seed " + seed + ")");
        }
    }

    /** A header (valid or not), then random lines and bytes. */
    private static byte[] random(Random rnd) {
        StringBuilder sb = new StringBuilder();
        String[] cmds = {"publ", "subs", "sete", "pute", "xxxx", "\u0001abc", "make"};
        sb.append(cmds[rnd.nextInt(cmds.length)]).append(' ').append(String.format("%010d", rnd.nextInt(1000)))
                .append(' ').append(String.format("%010d", rnd.nextInt(100)));
        sb.append('\n');
        int lines = rnd.nextInt(4);
        for (int l = 0; l < lines; l++) {
            String[] kinds = {"kv", "po", "ro", "zz", ""};
            int len = rnd.nextInt(12);
            sb.append(kinds[rnd.nextInt(kinds.length)]).append(' ').append(rnd.nextInt(3) == 0 ? "1.2.3:" : "uri")
                    .append(' ').append(rnd.nextInt(5) == 0 ? "-" + len : Integer.toString(len)).append('\n');
            for (int b = 0; b < len; b++) {
                sb.append((char) rnd.nextInt(256));
            }
            sb.append('\n');
        }
        if (rnd.nextBoolean()) {
            sb.append("end\n");
        }
        return ascii(sb.toString());
    }

    /** 1-4 byte flips, insertions, deletions or digit changes. */
    private static byte[] mutate(byte[] frame, Random rnd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] b = frame.clone();
        int edits = 1 + rnd.nextInt(4);
        List<Integer> drop = new ArrayList<>();
        for (int e = 0; e < edits; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] = (byte) ('0' + rnd.nextInt(10));
                case 2 -> b[at] = (byte) " \n:.".charAt(rnd.nextInt(4));
                default -> drop.add(at);
            }
        }
        for (int i = 0; i < b.length; i++) {
            if (!drop.contains(i)) {
                out.write(b[i]);
            }
        }
        return out.toByteArray();
    }
}
