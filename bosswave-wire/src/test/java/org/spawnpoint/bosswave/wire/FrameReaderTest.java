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

    @Test
    void aKvRepeatedFromThePreviousFrameIsTheSameObjectAndOnlyThen() throws Exception {
        String longValue = "v".repeat(KvFields.MAX_REMEMBERED_VALUE + 1);
        String publish = "publ 0000000000 0000000001\nkv autochain 4\ntrue\nkv uri 9\nns/a/topi\npo :1073742080 2\nhi\nend\n";
        FrameReader r = reader(publish + publish + publish.replace("ns/a/topi", "ns/b/topi")
                + "publ 0000000000 0000000001\nkv uri " + longValue.length() + "\n" + longValue + "\nend\n"
                + "publ 0000000000 0000000001\nkv uri " + longValue.length() + "\n" + longValue + "\nend\n");
        Frame a = r.read();
        Frame b = r.read();
        Frame c = r.read();
        assertEquals(a, b);
        assertTrue(a.kvs() == b.kvs(), "the same kvs: the same list");
        assertTrue(a.kvs().get(1) == b.kvs().get(1), "the same uri kv");
        assertTrue(a.pos().get(0).content() != b.pos().get(0).content(), "payloads are never shared");
        assertEquals("ns/b/topi", c.kv("uri"));
        assertTrue(a.kvs().get(0) == c.kvs().get(0), "the unchanged kv is shared even when another one changed");
        Frame d = r.read();
        Frame e = r.read();
        assertEquals(longValue, e.kv("uri"));
        assertEquals(d, e);
        assertTrue(d.kvs().get(0) != e.kvs().get(0), "a value longer than the bound is not kept between frames");
    }

    @Test
    void framesWhoseLeadingKvLinesRepeatReadAsIfParsed() throws Exception {
        String head = "publ 0000000000 0000000001\nkv autochain 4\ntrue\nkv uri 9\nns/a/topi\n";
        String frames = head + "po :1073742080 2\nhi\nend\n" // remembered
                + head + "po :1073742080 2\nho\nend\n" // skipped as a whole
                + head + "kv persist 5\nfalse\npo :1073742080 2\nhu\nend\n" // more kvs after the same lines
                + head + "kv persist 5\nfalse\nend\n" // the longer lines remembered, then an end line
                + head + "end\n" // a prefix of the remembered lines: parsed
                + head + "kv x\nend\n"; // malformed after the remembered lines
        FrameReader r = reader(frames);
        Frame a = r.read();
        Frame b = r.read();
        assertTrue(a.kvs() == b.kvs());
        assertEquals("ho", b.pos().get(0).contentAsString());
        Frame c = r.read();
        assertEquals(java.util.List.of("true", "ns/a/topi", "false"), java.util.List.of(c.kv("autochain"), c.kv("uri"),
                c.kv("persist")));
        assertEquals("hu", c.pos().get(0).contentAsString());
        Frame d = r.read();
        assertEquals(c.kvs(), d.kvs());
        assertTrue(d.pos().isEmpty());
        Frame e = r.read();
        assertEquals(2, e.kvs().size());
        assertTrue(e.kvs().get(1) == a.kvs().get(1));
        MalformedFrameException bad = assertThrows(MalformedFrameException.class, r::read);
        assertEquals("field[2]", bad.field());
    }

    @Test
    void skippedKvLinesCountTowardsTheFieldLimit() throws Exception {
        String head = "publ 0000000000 0000000001\nkv a 1\nx\nkv b 1\ny\n";
        FrameReader r = new FrameReader(new java.io.ByteArrayInputStream((head + "end\n" + head + "kv c 1\nz\nend\n")
                .getBytes(StandardCharsets.ISO_8859_1)), new FrameLimits(1000, 2, 100, 100));
        assertEquals(2, r.read().kvs().size());
        assertEquals("field[3]", assertThrows(MalformedFrameException.class, r::read).field());
    }

    @Test
    void aBufferThatGrowsWhileReadsFillItReadsTheSameFrames() throws Exception {
        StringBuilder all = new StringBuilder();
        java.util.List<String> frames = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String body = "x".repeat(i % 97) + i;
            String f = "publ 0000000000 " + String.format("%010d", i) + "\nkv autochain 4\ntrue\nkv uri 9\nns/a/topi\n"
                    + (i % 7 == 0 ? "kv persist 5\nfalse\n" : "") + "po :1073742080 " + body.length() + "\n" + body
                    + "\nend\n";
            frames.add(f);
            all.append(f);
        }
        FrameLimits limits = new FrameLimits(100_000, 100, 100_000, 64);
        FrameReader r = new FrameReader(new java.io.ByteArrayInputStream(all.toString()
                .getBytes(StandardCharsets.ISO_8859_1)), limits, 256, 4096, FrameBudget.unlimited());
        long first = r.heldBytes();
        for (String f : frames) {
            assertEquals(FrameCodec.decode(f.getBytes(StandardCharsets.ISO_8859_1)), r.read());
        }
        assertEquals(null, r.read());
        assertEquals(256, first);
        assertEquals(4096, r.heldBytes(), "reads that filled the buffer doubled it up to the maximum");
    }
}
