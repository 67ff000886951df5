package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spawnpoint.testvectors.Vectors.assertSameBytes;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.testvectors.Vectors;

class FrameCodecVectorTest {

    static List<Frame> decodeAll(byte[] bytes) throws IOException {
        FrameReader reader = new FrameReader(new ByteArrayInputStream(bytes));
        List<Frame> frames = new ArrayList<>();
        for (Frame f = reader.read(); f != null; f = reader.read()) {
            frames.add(f);
        }
        return frames;
    }

    /** Every capture of test-vectors: a new one is tested without editing a list. */
    static List<String> captures() {
        List<String> names = Vectors.names(".bin");
        assertTrue(names.size() >= 50, "the spec's vectors/ holds 53 captures, test-vectors has " + names.size());
        return names;
    }

    /**
     * Every captured transcript decodes into frames that re-encode to the very same bytes; a difference names its
     * first byte index.
     */
    @ParameterizedTest
    @MethodSource("captures")
    void transcriptRoundTripsByteForByte(String name) throws IOException {
        byte[] captured = Vectors.bytes(name);
        List<Frame> frames = decodeAll(captured);
        assertTrue(!frames.isEmpty(), name + " holds at least one frame");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Frame f : frames) {
            out.write(FrameCodec.encode(f));
        }
        assertSameBytes(captured, out.toByteArray(), name);
    }

    @Test
    void publishStringBuiltFromScratchMatchesBw2bind() throws IOException {
        Frame frame = Frame.builder("publ", 1)
                .kv("autochain", "true")
                .kv("uri", "scratch.ns/bwref/test")
                .kv("elaborate_pac", "partial")
                .kv("doverify", "true")
                .kv("persist", "false")
                .po(PayloadObject.ofString("hello world"))
                .build();
        byte[] captured = Vectors.bytes("publish-string.bin");
        assertSameBytes(captured, FrameCodec.encode(frame), "publish-string.bin");
        assertEquals(frame, FrameCodec.decode(captured));
    }

    @Test
    void workedExamplePublishHasTheSpecifiedLengthAndHash() throws Exception {
        Frame frame = Frame.builder("publ", 1)
                .kv("autochain", "true").kv("uri", "mynamespace/demo/temp").kv("elaborate_pac", "partial")
                .kv("doverify", "true").kv("persist", "false").po(PayloadObject.ofString("hello")).build();
        byte[] bytes = FrameCodec.encode(frame);
        assertEquals(179, bytes.length);
        assertEquals("publ 0000000152 0000000001\n", new String(bytes, 0, 27, "US-ASCII"));
        assertEquals("bf369ed719f1750d9d9dc1e52baa33724f999a73c770b856ec403b658a4752a8",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
    }

    @Test
    void decodesHelloAndResultMessageFields() throws IOException {
        Frame hello = FrameCodec.decode(Vectors.bytes("agent-hello.bin"));
        assertEquals("helo", hello.command());
        assertEquals(1298498081L, hello.seqNo());
        assertEquals("2.8.0 'Lepton'", hello.kv("version"));

        Frame result = FrameCodec.decode(Vectors.bytes("result-message.bin"));
        assertEquals("rslt", result.command());
        assertEquals("{1 c42ba6f3ae316048}", result.kv("umid"));
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", result.kv("from"));
        assertEquals("vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/bwref/test", result.kv("uri"));
        assertEquals(1, result.ros().size());
        assertEquals(2, result.ros().get(0).type());
        assertEquals(32, result.ros().get(0).content().length);
        assertEquals(PoNum.STRING, result.pos().get(0).type());
        assertEquals("hello from bwref", result.pos().get(0).contentAsString());
        assertTrue(!result.finished());
        assertTrue(FrameCodec.decode(Vectors.bytes("result-finished.bin")).finished());
    }

    @Test
    void setEntityDuplicatesStatusAndFirstLookupWins() throws IOException {
        Frame resp = FrameCodec.decode(Vectors.bytes("response-setentity.bin"));
        assertEquals(List.of("okay", "okay"), resp.kvAll("status"));
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", resp.kv("vk"));
        assertNull(resp.kv("reason"));
    }
}
