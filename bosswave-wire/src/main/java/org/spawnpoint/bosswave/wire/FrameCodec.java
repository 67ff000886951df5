package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * Pure conversion between {@link Frame} and bytes (bosswave-oob.md §1). No sockets: {@link FrameReader} feeds bytes
 * from a stream into the same decoding rules.
 */
public final class FrameCodec {

    static final int HEADER_LENGTH = 27;
    private static final byte[] END = {'e', 'n', 'd', '\n'};

    private FrameCodec() {
    }

    /** Encodes a frame exactly as bw2bind and the bw2 router write it: header, all kv, all ro, all po, {@code end}. */
    public static byte[] encode(Frame frame) {
        int bodyLength = bodyLength(frame);
        byte[] out = new byte[HEADER_LENGTH + bodyLength];
        int p = 0;
        for (int i = 0; i < 4; i++) {
            out[p++] = (byte) frame.command().charAt(i);
        }
        out[p++] = ' ';
        p = writeZeroPadded10(out, p, bodyLength);
        out[p++] = ' ';
        p = writeZeroPadded10(out, p, frame.seqNo());
        out[p++] = '\n';
        for (Frame.Kv kv : frame.kvs()) {
            out[p++] = 'k';
            out[p++] = 'v';
            out[p++] = ' ';
            p = writeAscii(out, p, kv.key());
            out[p++] = ' ';
            p = writeDecimal(out, p, kv.value().length);
            out[p++] = '\n';
            p = writeBlob(out, p, kv.value());
        }
        for (RoutingObject ro : frame.ros()) {
            out[p++] = 'r';
            out[p++] = 'o';
            out[p++] = ' ';
            p = writeDecimal(out, p, ro.type());
            out[p++] = ' ';
            p = writeDecimal(out, p, ro.content().length);
            out[p++] = '\n';
            p = writeBlob(out, p, ro.content());
        }
        for (PayloadObject po : frame.pos()) {
            out[p++] = 'p';
            out[p++] = 'o';
            out[p++] = ' ';
            int t = po.type();
            p = writeDecimal(out, p, t >>> 24);
            out[p++] = '.';
            p = writeDecimal(out, p, (t >>> 16) & 255);
            out[p++] = '.';
            p = writeDecimal(out, p, (t >>> 8) & 255);
            out[p++] = '.';
            p = writeDecimal(out, p, t & 255);
            out[p++] = ':';
            p = writeDecimal(out, p, Integer.toUnsignedLong(t));
            out[p++] = ' ';
            p = writeDecimal(out, p, po.content().length);
            out[p++] = '\n';
            p = writeBlob(out, p, po.content());
        }
        System.arraycopy(END, 0, out, p, 4);
        return out;
    }

    /** Decodes exactly one frame from {@code bytes} with the default limits; trailing bytes are an error. */
    public static Frame decode(byte[] bytes) throws MalformedFrameException {
        return decode(bytes, FrameLimits.DEFAULT);
    }

    /** Decodes exactly one frame from {@code bytes}; trailing bytes are an error. */
    public static Frame decode(byte[] bytes, FrameLimits limits) throws MalformedFrameException {
        try {
            FrameReader reader = new FrameReader(bytes, limits);
            Frame frame = reader.read();
            if (frame == null) {
                throw new MalformedFrameException("header", 0, "no bytes to decode");
            }
            if (!reader.atEndOfStream()) {
                throw new MalformedFrameException("trailer", reader.consumed(), (bytes.length - reader.consumed())
                        + " bytes after the end of the frame");
            }
            return frame;
        } catch (MalformedFrameException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail", e);
        }
    }

    /** The length field: every byte after the 27-byte header, {@code end\n} included (§1.4). */
    public static int bodyLength(Frame frame) {
        long n = 4;
        for (Frame.Kv kv : frame.kvs()) {
            n += 6L + asciiLength(kv.key()) + digits(kv.value().length) + kv.value().length;
        }
        for (RoutingObject ro : frame.ros()) {
            n += 6L + digits(ro.type()) + digits(ro.content().length) + ro.content().length;
        }
        for (PayloadObject po : frame.pos()) {
            int t = po.type();
            n += 7L + digits(t >>> 24) + digits((t >>> 16) & 255) + digits((t >>> 8) & 255) + digits(t & 255) + 3
                    + digits(Integer.toUnsignedLong(t)) + digits(po.content().length) + po.content().length;
        }
        if (n > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("frame too large to encode: " + n + " bytes");
        }
        return (int) n;
    }

    static int digits(long v) {
        if (v < 10) {
            return 1;
        }
        if (v < 100) {
            return 2;
        }
        if (v < 1000) {
            return 3;
        }
        if (v < 10_000) {
            return 4;
        }
        if (v < 100_000) {
            return 5;
        }
        if (v < 1_000_000) {
            return 6;
        }
        if (v < 10_000_000) {
            return 7;
        }
        if (v < 100_000_000) {
            return 8;
        }
        if (v < 1_000_000_000) {
            return 9;
        }
        return 9 + digits(v / 1_000_000_000L);
    }

    private static int asciiLength(String key) {
        int n = key.length();
        for (int i = 0; i < key.length(); i++) {
            if (key.charAt(i) >= 0x80) {
                return key.getBytes(StandardCharsets.UTF_8).length;
            }
        }
        return n;
    }

    private static int writeAscii(byte[] out, int p, String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                System.arraycopy(utf8, 0, out, p - i, utf8.length);
                return p - i + utf8.length;
            }
            out[p++] = (byte) c;
        }
        return p;
    }

    private static int writeBlob(byte[] out, int p, byte[] blob) {
        System.arraycopy(blob, 0, out, p, blob.length);
        p += blob.length;
        out[p++] = '\n';
        return p;
    }

    private static int writeDecimal(byte[] out, int p, long v) {
        int d = digits(v);
        int i = p + d - 1;
        if (v <= Integer.MAX_VALUE) {
            // int division is much cheaper than long division on the hot path (lengths, type numbers)
            int x = (int) v;
            for (; i >= p; i--) {
                out[i] = (byte) ('0' + x % 10);
                x /= 10;
            }
        } else {
            for (; i >= p; i--) {
                out[i] = (byte) ('0' + (v % 10));
                v /= 10;
            }
        }
        return p + d;
    }

    private static int writeZeroPadded10(byte[] out, int p, long v) {
        // Two int halves of five digits each: cheaper than ten long divisions.
        int hi = (int) (v / 100_000);
        int lo = (int) (v % 100_000);
        for (int i = p + 9; i >= p + 5; i--) {
            out[i] = (byte) ('0' + lo % 10);
            lo /= 10;
        }
        for (int i = p + 4; i >= p; i--) {
            out[i] = (byte) ('0' + hi % 10);
            hi /= 10;
        }
        return p + 10;
    }

    /** Shorthand used in error messages and logs. */
    static String describePo(int type) {
        return PoNum.toDotted(type) + ":" + PoNum.toDecimal(type);
    }
}
