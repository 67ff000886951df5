package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.testvectors.Vectors;

/**
 * Property test of the decoder on random and mutated frames (seeded, so a failure reproduces): it always returns a
 * frame or throws {@link MalformedFrameException}, finishes, respects its limits, and allocates a bounded amount
 * whatever lengths the input claims.
 */
class FrameDecoderFuzzTest {
    private static final long SEED = 0x5eed_b055_0002L;
    private static final FrameLimits SMALL = new FrameLimits(2048, 16, 512, 128);
    /** Per decode: the reader's 8 KiB buffer, the frame and its strings; a claimed 4 GiB field must not show up here. */
    private static final long ALLOCATION_BOUND = 256 * 1024;

    private static final List<byte[]> SEEDS = new ArrayList<>();

    @BeforeAll
    static void loadSeeds() throws IOException {
        for (String name : List.of("publish-string.bin", "publish-string-options.bin", "subscribe.agent.bin",
                "query.agent.bin", "mkentity.agent.bin", "setentity.bin", "spawnctl-deploy.bin", "result-message.bin",
                "response-error-unknown.bin", "result-list-child.bin", "subscribe-packed.agent.bin")) {
            FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(name)));
            for (Frame f = r.read(); f != null; f = r.read()) {
                SEEDS.add(FrameCodec.encode(f));
            }
        }
    }

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Decodes and checks every property; returns true when a frame came out. */
    private static boolean check(byte[] input, String how) {
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        Frame f;
        try {
            f = FrameCodec.decode(input, SMALL);
        } catch (MalformedFrameException e) {
            long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
            if (allocated > ALLOCATION_BOUND) {
                fail(how + ": rejecting took " + allocated + " bytes of allocation: " + hex(input));
            }
            if (e.field() == null || e.getMessage() == null || e.offset() < 0) {
                fail(how + ": exception without field or offset: " + e);
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(how + ": decoder threw " + t + " instead of MalformedFrameException on "
                    + hex(input), t);
        }
        long allocated = THREADS.getThreadAllocatedBytes(tid) - before;
        if (allocated > ALLOCATION_BOUND) {
            fail(how + ": decoding took " + allocated + " bytes of allocation: " + hex(input));
        }
        int fields = f.kvs().size() + f.ros().size() + f.pos().size();
        assertTrue(fields <= SMALL.maxFields(), how + ": " + fields + " fields");
        for (Frame.Kv kv : f.kvs()) {
            assertTrue(kv.value().length <= SMALL.maxFieldBytes(), how);
        }
        for (RoutingObject ro : f.ros()) {
            assertTrue(ro.content().length <= SMALL.maxFieldBytes(), how);
        }
        for (PayloadObject po : f.pos()) {
            assertTrue(po.content().length <= SMALL.maxFieldBytes(), how);
        }
        // Whatever we accept, we can write back, and it reads the same.
        byte[] again = FrameCodec.encode(f);
        try {
            assertEquals(f, FrameCodec.decode(again), how + ": re-encoded frame decodes differently");
        } catch (MalformedFrameException e) {
            fail(how + ": re-encoded frame does not decode: " + e.getMessage());
        }
        return true;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b, 0, Math.min(b.length, 400)) + (b.length > 400 ? "..." : "");
    }

    @Test
    void randomBytes() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(SEED);
            byte[] header = "publ 0000000000 0000000001\n".getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 20_000; i++) {
                byte[] body = new byte[rnd.nextInt(300)];
                rnd.nextBytes(body);
                if (i % 2 == 0) {
                    check(body, "random #" + i);
                } else {
                    // Behind a valid header, so the field parser sees the noise.
                    byte[] in = new byte[header.length + body.length];
                    System.arraycopy(header, 0, in, 0, header.length);
                    System.arraycopy(body, 0, in, header.length, body.length);
                    check(in, "random after header #" + i);
                }
            }
        });
    }

    @Test
    void mutatedValidFrames() {
        assertTimeoutPreemptively(Duration.ofSeconds(90), () -> {
            Random rnd = new Random(SEED + 1);
            int accepted = 0;
            int iterations = 40_000;
            for (int i = 0; i < iterations; i++) {
                byte[] seed = SEEDS.get(rnd.nextInt(SEEDS.size()));
                byte[] m = mutate(seed, rnd);
                if (check(m, "mutation #" + i + " of a " + seed.length + "-byte frame")) {
                    accepted++;
                }
            }
            // Many mutations hit values, not syntax: a fuzzer that rejects everything would be testing nothing.
            assertTrue(accepted > iterations / 20, "only " + accepted + " mutated frames decoded");
            assertTrue(accepted < iterations, "every mutation decoded");
        });
    }

    @Test
    void streamsOfMutatedFramesEndOrFail() {
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            Random rnd = new Random(SEED + 2);
            for (int i = 0; i < 3_000; i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                int n = 1 + rnd.nextInt(5);
                for (int k = 0; k < n; k++) {
                    byte[] seed = SEEDS.get(rnd.nextInt(SEEDS.size()));
                    out.write(rnd.nextInt(3) == 0 ? mutate(seed, rnd) : seed);
                }
                byte[] stream = out.toByteArray();
                FrameReader r = new FrameReader(new ByteArrayInputStream(stream), SMALL);
                int frames = 0;
                try {
                    while (r.read() != null) {
                        frames++;
                        // Each frame consumes at least a header and "end\n"; more frames than that means no progress.
                        assertTrue(frames <= stream.length / 31, "reader made no progress on stream #" + i);
                    }
                } catch (MalformedFrameException expected) {
                    // fine: rejected with a reason
                } catch (Throwable t) {
                    throw new AssertionError("stream #" + i + ": " + t + " on " + hex(stream), t);
                }
            }
        });
    }

    @Test
    void claimedHugeLengthsAreRefusedWithoutAllocating() throws Exception {
        // The allocation probe works: decoding a real frame is measured, and is well inside the bound.
        long tid = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(tid);
        FrameCodec.decode(SEEDS.get(0), SMALL);
        long measured = THREADS.getThreadAllocatedBytes(tid) - before;
        assertTrue(measured > 0 && measured < ALLOCATION_BOUND, "measured " + measured);
        for (String claim : List.of("4294967295", "2147483647", "513", "99999999999")) {
            byte[] in = ("rslt 0000000000 0000000001\nkv finished " + claim + "\nfalse\nend\n")
                    .getBytes(StandardCharsets.US_ASCII);
            assertTrue(!check(in, "claim " + claim));
        }
    }

    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.clone();
        int rounds = 1 + rnd.nextInt(3);
        for (int r = 0; r < rounds && b.length > 0; r++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(8)) {
                case 0 -> b[at] = (byte) rnd.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 2 -> b = java.util.Arrays.copyOf(b, at); // truncate
                case 3 -> { // delete a range
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(8));
                    byte[] c = new byte[b.length - len];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + len, c, at, b.length - at - len);
                    b = c;
                }
                case 4 -> { // insert a byte
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    String alphabet = "0123456789 \n:.kvropend";
                    c[at] = (byte) alphabet.charAt(rnd.nextInt(alphabet.length()));
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
                case 5 -> { // change a digit, often a length
                    for (int k = at; k < b.length; k++) {
                        if (b[k] >= '0' && b[k] <= '9') {
                            b[k] = (byte) ('0' + rnd.nextInt(10));
                            break;
                        }
                    }
                }
                case 6 -> { // make the next length field huge
                    String s = new String(b, StandardCharsets.ISO_8859_1);
                    int nl = s.indexOf('\n', at);
                    int sp = nl < 0 ? -1 : s.lastIndexOf(' ', nl);
                    if (sp > 0) {
                        s = s.substring(0, sp + 1) + "4294967295" + s.substring(nl);
                        b = s.getBytes(StandardCharsets.ISO_8859_1);
                    }
                }
                default -> { // duplicate a region
                    int len = Math.min(b.length - at, 1 + rnd.nextInt(40));
                    byte[] c = new byte[b.length + len];
                    System.arraycopy(b, 0, c, 0, at + len);
                    System.arraycopy(b, at, c, at + len, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }
}
