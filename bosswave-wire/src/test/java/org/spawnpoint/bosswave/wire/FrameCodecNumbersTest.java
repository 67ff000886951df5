package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;

/** The hand-rolled number helpers of the codec agree with the JDK's, at every boundary. */
class FrameCodecNumbersTest {

    @Test
    void digitsAtEveryPowerOfTen() {
        long p = 1;
        for (int d = 1; d <= 18; d++) {
            assertEquals(Long.toString(p).length(), FrameCodec.digits(p), "digits(" + p + ")");
            assertEquals(Long.toString(p - 1).length(), FrameCodec.digits(p - 1), "digits(" + (p - 1) + ")");
            p *= 10;
        }
        assertEquals(19, FrameCodec.digits(Long.MAX_VALUE));
    }

    @Test
    void largeNumbersRoundTrip() throws Exception {
        Frame f = Frame.builder("publ", 4_294_967_295L).po(PayloadObject.of(0xFFFF_FFFF, new byte[0]))
                .po(PayloadObject.of(Integer.MIN_VALUE, new byte[12_345])).build();
        byte[] bytes = FrameCodec.encode(f);
        assertEquals("publ " + String.format("%010d", bytes.length - 27) + " 4294967295\n",
                new String(bytes, 0, 27, StandardCharsets.US_ASCII));
        assertEquals(f, FrameCodec.decode(bytes));
        assertEquals(true, new String(bytes, StandardCharsets.ISO_8859_1).contains("po 255.255.255.255:4294967295 0\n"));
        assertEquals(true, new String(bytes, StandardCharsets.ISO_8859_1).contains("po 128.0.0.0:2147483648 12345\n"));
    }

    @Test
    void leadingZerosAreAcceptedAsGoParseUintDoes() throws Exception {
        Frame f = FrameCodec.decode("resp 0000000000 0000000001\nkv k 0000000000003\nabc\nend\n".getBytes());
        assertEquals("abc", f.kv("k"));
    }
}
