package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PoNum;

class FrameReaderTest {

    private static MalformedFrameException malformed(String text) {
        return malformed(text, FrameLimits.DEFAULT);
    }

    private static MalformedFrameException malformed(String text, FrameLimits limits) {
        return assertThrows(MalformedFrameException.class,
                () -> FrameCodec.decode(text.getBytes(StandardCharsets.ISO_8859_1), limits));
    }

    @Test
    void acceptsEitherHalfOfThePoNumber() throws Exception {
        Frame a = FrameCodec.decode("publ 0000000000 0000000007\npo :1073742080 2\nhi\nend\n".getBytes());
        Frame b = FrameCodec.decode("publ 0000000000 0000000007\npo 64.0.1.0: 2\nhi\nend\n".getBytes());
        assertEquals(PoNum.STRING, a.pos().get(0).type());
        assertEquals(a, b);
        assertEquals(7, a.seqNo());
    }

    @Test
    void valuesAreBinarySafe() throws Exception {
        Frame f = FrameCodec.decode("resp 0000000000 0000000001\nkv x 5\na\nb\0c\nend\n".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals("a\nb\0c", f.kv("x"));
    }

    @Test
    void unknownThreeTokenLinesAreSkippedWithoutTheirBlob() throws Exception {
        Frame f = FrameCodec.decode("resp 0000000000 0000000001\nzz a 3\nkv k 1\nv\nend\n".getBytes());
        assertEquals("v", f.kv("k"));
    }

    @Test
    void knowsTheSeqNoOfAMalformedFrameOnceItsHeaderIsIn() throws Exception {
        FrameReader bad = reader("publ 00000x0000 0000000042\nend\n");
        assertThrows(MalformedFrameException.class, bad::read);
        assertEquals(42, bad.currentSeqNo());

        FrameReader later = reader("publ 0000000000 0000000007\nend\npubl 0000000000 0000000009\nkv a\nend\n");
        assertEquals(7, later.read().seqNo());
        assertEquals(7, later.currentSeqNo());
        assertTrue(later.buffered() > 0);
        assertThrows(MalformedFrameException.class, later::read);
        assertEquals(9, later.currentSeqNo());

        FrameReader noDigits = reader("publ 0000000000 00000x0001\nend\n");
        assertThrows(MalformedFrameException.class, noDigits::read);
        assertEquals(-1, noDigits.currentSeqNo());

        FrameReader shortHeader = reader("publ 00000");
        assertThrows(MalformedFrameException.class, shortHeader::read);
        assertEquals(-1, shortHeader.currentSeqNo());
    }

    private static FrameReader reader(String text) {
        return new FrameReader(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.ISO_8859_1)));
    }

    @Test
    void reportsWhichFieldFailed() {
        MalformedFrameException e = malformed("publ 0000000000 0000000001\nkv uri 3\nabc\npo 64.0.1.0:5 2\nhi\nend\n");
        assertEquals("po[1].type", e.field());
        assertTrue(e.getMessage().contains("disagree"), e.getMessage());
        assertEquals(43, e.offset());

        assertEquals("header.seqno", malformed("publ 0000000000 00000x0001\nend\n").field());
        assertEquals("header.seqno", malformed("publ 0000000000 9999999999\nend\n").field());
        assertEquals("header", malformed("publ 00000").field());
        assertEquals("field[0]", malformed("publ 0000000000 0000000001\nkv uri\nend\n").field());
        assertEquals("field[0]", malformed("publ 0000000000 0000000001\nkv a b c\nend\n").field());
        assertEquals("kv[0].length", malformed("publ 0000000000 0000000001\nkv uri -3\nabc\nend\n").field());
        assertEquals("kv[0].value", malformed("publ 0000000000 0000000001\nkv uri 30\nabc\n").field());
        assertEquals("po[0].type", malformed("publ 0000000000 0000000001\npo 64.0.1.0 2\nhi\nend\n").field());
        assertEquals("po[0].type", malformed("publ 0000000000 0000000001\npo 64.0.1.300: 2\nhi\nend\n").field());
        assertEquals("ro[0].type", malformed("publ 0000000000 0000000001\nro 256 2\nhi\nend\n").field());
        assertEquals("kv[0].key", malformed("publ 0000000000 0000000001\nkv  2\nhi\nend\n").field());
        assertEquals("field[1]", malformed("publ 0000000000 0000000001\nkv a 1\nb\n").field());
        assertEquals("trailer", malformed("publ 0000000000 0000000001\nend\nxx").field());
    }

    @Test
    void enforcesLimitsBeforeAllocating() {
        FrameLimits small = new FrameLimits(100, 2, 10, 32);
        assertEquals("kv[0].length", malformed("publ 0000000000 0000000001\nkv a 4000000000\n", small).field());
        assertEquals("kv[0].length", malformed("publ 0000000000 0000000001\nkv a 11\n", small).field());
        assertEquals("field[3]", malformed("publ 0000000000 0000000001\nkv a 1\na\nkv a 1\na\nkv a 1\na\nend\n", small).field());
        assertEquals("field[0]", malformed("publ 0000000000 0000000001\n" + "x".repeat(40), small).field());
        String many = "kv a 9\n123456789\n".repeat(5);
        assertTrue(malformed("publ 0000000000 0000000001\n" + many + "end\n", new FrameLimits(60, 100, 10, 32))
                .getMessage().contains("exceeds the limit of 60"));
    }
}
