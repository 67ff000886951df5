package org.spawnpoint.bosswave.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spawnpoint.testvectors.Vectors.assertSameBytes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testvectors.Vectors;

/**
 * The metadata captures of bw2bind (vectors README, "Metadata scenarios") at the payload level: PO 2.0.3.1 as
 * {@link Payloads#metadata} writes it (ts as msgpack uint64, {@code cf}), and {@code lastalive} as
 * {@link GoFormats#timeString} writes Go's {@code time.Time.String()}. The client's MetadataVectorTest checks the
 * frames around them.
 */
class MetadataPayloadVectorTest {
    private static final Pattern GO_TIME = Pattern.compile(
            "(\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,9})?) \\+0000 UTC m=\\+(\\d+)\\.(\\d{9})");

    private static List<Frame> frames(String name) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(name)));
        List<Frame> out = new ArrayList<>();
        for (Frame f = r.read(); f != null; f = r.read()) {
            out.add(f);
        }
        return out;
    }

    @Test
    void setMetadataTupleIsWrittenAsCaptured() throws IOException {
        PayloadObject captured = frames("setmetadata.bin").get(1).pos().get(0);
        MetadataTuple tuple = Payloads.metadataTuple(captured);
        assertEquals(new MetadataTuple("building 1, room 2", 1_796_231_381_867_387_999L), tuple);
        PayloadObject ours = Payloads.metadata(tuple);
        assertEquals(PoNum.SMETADATA, ours.type());
        assertSameBytes(captured.content(), ours.content(), "setmetadata.bin PO 2.0.3.1");
        assertEquals((byte) 0xcf, ours.content()[ours.content().length - 9], "ts is msgpack uint64 (cf)");
    }

    /** Both lastalive tuples: the Go time string is rebuilt from its parts to the same text, and the PO to the same bytes. */
    @Test
    void lastaliveIsGoTimeStringAsCaptured() throws IOException {
        List<Frame> client = frames("service-lastalive.bin");
        for (Frame f : client.subList(1, client.size())) {
            PayloadObject captured = f.pos().get(0);
            MetadataTuple tuple = Payloads.metadataTuple(captured);
            Matcher m = GO_TIME.matcher(tuple.value());
            assertTrue(m.matches(), "lastalive in Go's time.Time.String() form: " + tuple.value());
            Instant t = Instant.parse(m.group(1) + "T" + m.group(2) + "Z");
            long monotonic = Long.parseLong(m.group(3)) * 1_000_000_000L + Long.parseLong(m.group(4));
            assertEquals(tuple.value(), GoFormats.timeString(t, ZoneId.of("UTC"), monotonic));
            assertSameBytes(captured.content(), Payloads.metadata(tuple).content(), "service-lastalive.bin " + f.kv("uri"));
        }
    }
}
