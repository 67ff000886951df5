package org.spawnpoint.bosswave.payload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void metadataTupleIsTheGoMsgpackMap() {
        PayloadObject po = Payloads.metadata(new MetadataTuple("v", 1_474_484_400_000_000_000L));
        assertEquals(PoNum.SMETADATA, po.type());
        // fixmap(2) "val" "v" "ts" uint64 — what vmihailenco/msgpack writes for struct {Value `val`; Timestamp `ts`}
        assertEquals("82a376616ca176a27473cf" + "14766bbfe8dae000", HexFormat.of().formatHex(po.content()));
        assertEquals(new MetadataTuple("v", 1_474_484_400_000_000_000L), Payloads.metadataTuple(po));
        assertEquals(new MetadataTuple("v", 1_474_484_400_000_000_000L), Payloads.decode(po));
    }

    @Test
    void metadataTupleReadsAnyIntegerWidthIgnoresOtherKeysAndRefusesWhatIsNoTuple() {
        // {"ts": uint64 7, "x": nil, "val": "a"} as another encoder could write it
        assertEquals(new MetadataTuple("a", 7), Payloads.metadataTuple(smeta("83a27473cf0000000000000007a178c0a376616ca161")));
        assertEquals(new MetadataTuple("b", 65536), Payloads.metadataTuple(smeta("82a376616ca162a27473d200010000")));
        assertEquals(new MetadataTuple("b", -256), Payloads.metadataTuple(smeta("82a376616ca162a27473d1ff00")));
        assertThrows(IllegalArgumentException.class, () -> Payloads.metadataTuple(smeta("")));
        assertThrows(IllegalArgumentException.class, () -> Payloads.metadataTuple(smeta("92a161a162")), "not a map");
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> Payloads.metadataTuple(smeta("82a376616ca161a27473cfffffffffffffffff"))).getMessage()
                .contains("beyond int64"));
    }

    private static PayloadObject smeta(String hex) {
        return PayloadObject.of(PoNum.SMETADATA, HexFormat.of().parseHex(hex));
    }

    @Test
    void msgpackRoundTripsJavaValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Alias", "alpha");
        m.put("Time", 1_474_484_400_000_000_000L);
        m.put("TotalCPUShares", 1024);
        m.put("neg", -5);
        m.put("f", 1.5);
        m.put("ok", true);
        m.put("nil", null);
        m.put("bytes", new byte[] {1, 2});
        m.put("list", List.of("a", 2));
        m.put("big", new BigInteger("18446744073709551615"));
        Object back = Payloads.decode(Payloads.msgpack(PoNum.SPAWNPOINT_HEARTBEAT, m));
        Map<?, ?> r = assertInstanceOf(Map.class, back);
        assertEquals(List.of(m.keySet().toArray()), List.copyOf(r.keySet()), "key order kept");
        assertEquals("alpha", r.get("Alias"));
        assertEquals(1_474_484_400_000_000_000L, r.get("Time"));
        assertEquals(1024L, r.get("TotalCPUShares"));
        assertEquals(-5L, r.get("neg"));
        assertEquals(1.5, r.get("f"));
        assertEquals(true, r.get("ok"));
        assertNull(r.get("nil"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) r.get("bytes"));
        assertEquals(List.of("a", 2L), r.get("list"));
        assertEquals(new BigInteger("18446744073709551615"), r.get("big"));
    }

    @Test
    void msgpackRejectsWhatItCannotEncodeAndBadInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Payloads.toMsgpack(Map.of("k", new Object())));
        assertTrue(e.getMessage().startsWith("value.k: cannot encode java.lang.Object"), e.getMessage());
        // bin32 claiming 2 GiB in a 6-byte payload: refused before allocating
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> Payloads.fromMsgpack(new byte[] {(byte) 0xc6, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0}));
        assertTrue(big.getMessage().contains("remain"), big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Payloads.fromMsgpack(new byte[] {(byte) 0xdb, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
        assertThrows(IllegalArgumentException.class, () -> Payloads.fromMsgpack(new byte[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Payloads.fromMsgpack(new byte[0]));
    }

    @Test
    void decodeByFamilyInBw2bindOrder() {
        assertEquals("image: x\n", Payloads.decode(Payloads.text(PoNum.SPAWNPOINT_CONFIG, "image: x\n")),
                "YAML stays text: the codec has no YAML parser");
        assertEquals("hello", Payloads.decode(Payloads.string("hello")));
        assertEquals("{\"a\":1}", Payloads.decode(Payloads.text(PoNum.fromDotted("65.0.0.1"), "{\"a\":1}")), "JSON is text");
        assertEquals(7L, Payloads.decode(Payloads.msgpack(PoNum.MSGPACK, 7)));
        byte[] raw = {0, 1, 2};
        assertArrayEquals(raw, (byte[]) Payloads.decode(PayloadObject.of(PoNum.BINARY_ACTUATION, raw)));
        assertArrayEquals(raw, (byte[]) Payloads.decode(PayloadObject.of(PoNum.fromDotted("200.0.0.1"), raw)));
    }
}
