package org.spawnpoint.bosswave.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spawnpoint.testvectors.Vectors.assertSameBytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testvectors.Vectors;

/**
 * The metadata captures of bw2bind (vectors README, "Metadata scenarios"): {@code SetMetadata}, {@code DelMetadata}
 * and {@code lastalive} frames, byte for byte, from the one metadata encoder ({@link Payloads#metadata}).
 */
class MetadataVectorTest {
    private static final String URI = "vec.ns/bwref/test";

    private static List<Frame> frames(String name) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(name)));
        List<Frame> out = new ArrayList<>();
        for (Frame f = r.read(); f != null; f = r.read()) {
            out.add(f);
        }
        return out;
    }

    /** The captured client bytes after its {@code sete} (233 bytes, the same as setentity.bin). */
    private static byte[] afterSetEntity(String name) {
        byte[] all = Vectors.bytes(name);
        byte[] sete = Vectors.bytes("setentity.bin");
        assertSameBytes(sete, Arrays.copyOf(all, sete.length), name + " begins with setentity.bin");
        return Arrays.copyOfRange(all, sete.length, all.length);
    }

    private static byte[] encode(org.spawnpoint.bosswave.PublishParams p, long seqNo) {
        return FrameCodec.encode(CommandFrames.publish(p, p.autoChain()).seqNo(seqNo).build());
    }

    @Test
    void setMetadataIsTheCapturedFrameWithTsAsUint64() throws Exception {
        Frame pers = frames("setmetadata.bin").get(1);
        byte[] captured = pers.pos().get(0).content();
        // The tuple's ts is the capture's own clock reading; everything else follows from the call's arguments.
        MetadataTuple tuple = Payloads.metadataTuple(pers.pos().get(0));
        assertEquals(new MetadataTuple("building 1, room 2", 1_796_231_381_867_387_999L), tuple);
        PayloadObject ours = Payloads.metadata(tuple);
        assertSameBytes(captured, ours.content(), "PO 2.0.3.1");
        assertEquals((byte) 0xcf, ours.content()[ours.content().length - 9], "ts is msgpack uint64 (cf)");
        assertSameBytes(afterSetEntity("setmetadata.bin"), encode(Metadata.setting(URI, "location", tuple), 2),
                "SetMetadata frame");
    }

    @Test
    void delMetadataIsAPersistWithNoPayloadAtAll() {
        assertSameBytes(afterSetEntity("delmetadata.bin"), encode(Metadata.deleting(URI, "location"), 2),
                "DelMetadata frame");
    }

    @Test
    void lastaliveFramesAreTheCapturedOnesForTheirValues() throws Exception {
        List<Frame> client = frames("service-lastalive.bin");
        byte[] after = afterSetEntity("service-lastalive.bin");
        Frame svc = client.get(1);
        Frame iface = client.get(2);
        MetadataTuple svcBeat = Payloads.metadataTuple(svc.pos().get(0));
        MetadataTuple ifaceBeat = Payloads.metadataTuple(iface.pos().get(0));
        for (MetadataTuple t : List.of(svcBeat, ifaceBeat)) {
            assertTrue(t.value().matches(
                    "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})? \\+0000 UTC m=\\+\\d+\\.\\d{9}"), t.value());
        }
        byte[] ours = concat(encode(Metadata.setting("vec.ns/bwref/s.demo", "lastalive", svcBeat), 2),
                encode(Metadata.setting("vec.ns/bwref/s.demo/0/i.demo", "lastalive", ifaceBeat), 3));
        assertSameBytes(after, ours, "lastalive frames");
        assertTrue(new String(svc.pos().get(0).content(), StandardCharsets.UTF_8).contains(svcBeat.value()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
