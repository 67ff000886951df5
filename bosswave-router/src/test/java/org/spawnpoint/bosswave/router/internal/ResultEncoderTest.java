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
            byte[] fromBytes = from.getBytes(StandardCharsets.UTF_8);
            byte[] uriBytes = uri.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(expected, ResultEncoder.unpacked(umid, sig, fromBytes, uriBytes, ros, pos),
                    "round " + round);
            // the same arrays again: an unsigned result's kvs and ROs come from the kept prefix
            assertArrayEquals(expected, ResultEncoder.unpacked(umid, sig, fromBytes, uriBytes, ros, pos),
                    "round " + round + ", again");
            // straight into an output buffer, with a recipient's seqno
            long seqNo = r.nextInt(3) == 0 ? 4_294_967_295L : r.nextInt(100_000);
            ResultEncoder.Result result = ResultEncoder.result(umid, sig, fromBytes, uriBytes, ros, pos);
            byte[] out = new byte[result.length() + 3];
            ResultEncoder.write(result, seqNo, out, 1);
            byte[] written = java.util.Arrays.copyOfRange(out, 1, 1 + result.length());
            assertArrayEquals(FrameCodec.encode(b.seqNo(seqNo).build()), written, "round " + round + ", written");
            List<PayloadObject> other = List.of(new PayloadObject(7, bytes(r, r.nextInt(300))));
            Frame.Builder b2 = Frame.builder(Commands.RESULT, 0).kv("finished", false);
            if (signed) {
                b2.kv("umid", umid).kv("signature", sig);
            }
            b2.kv("from", from).kv("uri", uri).ros(ros).pos(other);
            assertArrayEquals(FrameCodec.encode(b2.build()),
                    ResultEncoder.unpacked(umid, sig, fromBytes, uriBytes, ros, other), "round " + round + ", next");
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
