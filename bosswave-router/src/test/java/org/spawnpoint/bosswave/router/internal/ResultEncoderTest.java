package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/** The direct result encoder against the generic frame builder and codec, which the vectors judge. */
class ResultEncoderTest {
    @Test
    void writesWhatTheFrameCodecWrites() {
        Random r = new Random(17);
        for (int round = 0; round < 2000; round++) {
            boolean signed = r.nextBoolean();
            String umid = signed ? "{" + Long.toHexString(r.nextLong()) + " " + Long.toHexString(r.nextLong()) + "}"
                    : null;
            String sig = signed ? text(r, 88) : null;
            String from = text(r, r.nextInt(3) == 0 ? r.nextInt(5) : 44);
            String uri = r.nextInt(10) == 0 ? "ns/é/ü" + text(r, r.nextInt(300)) : text(r, 1 + r.nextInt(200));
            List<RoutingObject> ros = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                ros.add(new RoutingObject(r.nextInt(256), bytes(r, r.nextInt(3) == 0 ? r.nextInt(2000) : r.nextInt(70))));
            }
            List<PayloadObject> pos = new ArrayList<>();
            for (int i = r.nextInt(4); i > 0; i--) {
                int type = r.nextInt(4) == 0 ? -1 - r.nextInt(1000) : r.nextInt(1 << (1 + r.nextInt(30)));
                pos.add(new PayloadObject(type, bytes(r, r.nextInt(4) == 0 ? r.nextInt(100_000) : r.nextInt(200))));
            }
            Frame.Builder b = Frame.builder(Commands.RESULT, 0).kv("finished", false);
            if (signed) {
                b.kv("umid", umid).kv("signature", sig);
            }
            b.kv("from", from).kv("uri", uri).ros(ros).pos(pos);
            byte[] expected = FrameCodec.encode(b.build());
            byte[] actual = ResultEncoder.unpacked(umid, sig, from.getBytes(StandardCharsets.UTF_8),
                    uri.getBytes(StandardCharsets.UTF_8), ros, pos);
            assertArrayEquals(expected, actual, "round " + round);
        }
    }

    private static String text(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            sb.append((char) ('0' + r.nextInt(75)));
        }
        return sb.toString();
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }
}
