package org.spawnpoint.bosswave.router.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * Writes an unpacked {@code rslt} frame (bosswave-oob.md §2.4) straight from a message's fields, byte for byte what
 * {@code FrameCodec.encode(Frame.builder(...)...build())} writes (ResultEncoderTest compares the two). The builder's
 * route cost a Kv, a String encoding and list copies per field, then a second pass over the lists: a quarter of the
 * router's CPU per 1→1 message and a third of its allocation (JFR, RouterCpuProbe).
 *
 * <p>A frame is a {@link Result}: its kv and RO lines made once (and kept for a publisher's next message), its POs
 * shared with the message. {@link #write} puts it with the recipient's seqno into the array in which a connection's
 * output assembles a frame (SessionOutput), so that a delivery needs no array of its own; {@link #toArray} makes one
 * when a frame must be kept whole.
 */
final class ResultEncoder {
    static final int HEADER_LENGTH = 27;
    private static final byte[] RSLT = {'r', 's', 'l', 't'};
    private static final byte[] END = {'e', 'n', 'd', '\n'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /**
     * An unpacked result without its header: the kv and RO lines, then the POs.
     *
     * @param bodyLength the header's length field: every byte after the header
     */
    record Result(byte[] kvsAndRos, List<PayloadObject> pos, int bodyLength) {
        /** The whole frame's length. */
        int length() {
            return HEADER_LENGTH + bodyLength;
        }
    }

    private final byte[] out;
    private int p;

    private ResultEncoder(int length) {
        out = new byte[length];
    }

    /**
     * The frame {@code rslt}: kv finished=false, then {@code umid} and {@code signature} when not null, {@code from}
     * and {@code uri} (UTF-8), every RO, every PO, {@code end}.
     */
    static Result result(String umid, String signature, byte[] from, byte[] uri, List<RoutingObject> ros,
                         List<PayloadObject> pos) {
        byte[] head = umid == null ? prefix(from, uri, ros)
                : kvsAndRos(utf8(umid), utf8(signature), from, uri, ros);
        long body = 4L + head.length;
        for (int i = 0, n = pos.size(); i < n; i++) {
            PayloadObject po = pos.get(i);
            body += poLine(po.type()).length + digits(po.content().length) + 3 + po.content().length;
        }
        if (body > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("frame too large to encode: " + body + " bytes");
        }
        return new Result(head, pos, (int) body);
    }

    /** {@link #result} as one array, with seqno 0. */
    static byte[] unpacked(String umid, String signature, byte[] from, byte[] uri, List<RoutingObject> ros,
                           List<PayloadObject> pos) {
        return toArray(result(umid, signature, from, uri, ros, pos));
    }

    /** The frame as one array, with seqno 0. */
    static byte[] toArray(Result r) {
        byte[] out = new byte[r.length()];
        write(r, 0, out, 0);
        return out;
    }

    /**
     * Writes the frame with seqno {@code seqNo} into {@code dst} from {@code at}, which must have room for
     * {@link Result#length()}. Into an array rather than the connection's direct output buffer: a put into a direct
     * buffer costs its checks each (seven per result), and they were 14% of the session thread's Java samples per
     * 1→1 message (JFR, RouterCpuProbe); the caller copies the whole frame in with one.
     */
    static void write(Result r, long seqNo, byte[] dst, int at) {
        int p = at;
        System.arraycopy(RSLT, 0, dst, p, 4);
        dst[p + 4] = ' ';
        int v = r.bodyLength();
        for (int i = p + 14; i >= p + 5; i--) {
            dst[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        dst[p + 15] = ' ';
        long s = seqNo;
        for (int i = p + 25; i >= p + 16; i--) {
            dst[i] = (byte) ('0' + s % 10);
            s /= 10;
        }
        dst[p + 26] = '\n';
        p += HEADER_LENGTH;
        byte[] head = r.kvsAndRos();
        System.arraycopy(head, 0, dst, p, head.length);
        p += head.length;
        List<PayloadObject> pos = r.pos();
        for (int i = 0, n = pos.size(); i < n; i++) {
            PayloadObject po = pos.get(i);
            byte[] line = poLine(po.type());
            System.arraycopy(line, 0, dst, p, line.length);
            p += line.length;
            byte[] content = po.content();
            int len = content.length;
            int d = digits(len);
            dst[p] = ' ';
            for (int k = p + d; k > p; k--) {
                dst[k] = (byte) ('0' + len % 10);
                len /= 10;
            }
            p += d + 1;
            dst[p++] = '\n';
            System.arraycopy(content, 0, dst, p, content.length);
            p += content.length;
            dst[p++] = '\n';
        }
        System.arraycopy(END, 0, dst, p, 4);
    }

    private static long kvsAndRosLength(byte[] umid, byte[] signature, byte[] from, byte[] uri,
                                        List<RoutingObject> ros) {
        long n = kvLength(8, 5) + kvLength(4, from.length) + kvLength(3, uri.length);
        if (umid != null) {
            n += kvLength(4, umid.length) + kvLength(9, signature.length);
        }
        for (int i = 0, k = ros.size(); i < k; i++) {
            RoutingObject ro = ros.get(i);
            n += 6L + digits(ro.type()) + digits(ro.content().length) + ro.content().length;
        }
        return n;
    }

    /** Every kv, then every RO. */
    private static byte[] kvsAndRos(byte[] umid, byte[] signature, byte[] from, byte[] uri,
                                    List<RoutingObject> ros) {
        long n = kvsAndRosLength(umid, signature, from, uri, ros);
        if (n > Integer.MAX_VALUE - HEADER_LENGTH) {
            throw new IllegalArgumentException("frame too large to encode: " + n + " bytes");
        }
        ResultEncoder e = new ResultEncoder((int) n);
        e.kv("finished", FALSE);
        if (umid != null) {
            e.kv("umid", umid);
            e.kv("signature", signature);
        }
        e.kv("from", from);
        e.kv("uri", uri);
        for (int i = 0, k = ros.size(); i < k; i++) {
            RoutingObject ro = ros.get(i);
            e.ascii("ro ");
            e.decimal(ro.type());
            e.field(ro.content());
        }
        return e.out;
    }

    /** An unsigned result's kvs and ROs, the same for every message of a publisher on one URI (same arrays). */
    private record Prefix(byte[] from, byte[] uri, List<RoutingObject> ros, byte[] bytes) {
    }

    /** Written by any thread; a Prefix is immutable, so a reader sees the old one or the new one whole. */
    private static volatile Prefix lastPrefix;

    /**
     * The kv and RO lines of an unsigned result, kept for the next message with the same {@code from}, {@code uri}
     * and RO arrays: a session hands the same ones for each publish on a URI (Entity, Requests.Target and its grant's
     * RO list), and none of them is ever modified.
     */
    private static byte[] prefix(byte[] from, byte[] uri, List<RoutingObject> ros) {
        Prefix p = lastPrefix;
        if (p == null || p.from != from || p.uri != uri || p.ros != ros) {
            p = new Prefix(from, uri, ros, kvsAndRos(null, null, from, uri, ros));
            lastPrefix = p;
        }
        return p.bytes;
    }

    /** {@code kv KEY LEN\nVALUE\n} for a key of {@code keyLength} ASCII characters. */
    private static long kvLength(int keyLength, int valueLength) {
        return 6L + keyLength + digits(valueLength) + valueLength;
    }

    /** A PO type's line start, kept for the next message: a publisher sends the same type again and again. */
    private record PoLine(int type, byte[] bytes) {
    }

    /** Written by any thread; a PoLine is immutable, so a reader sees the old one or the new one whole. */
    private static volatile PoLine lastPoLine = new PoLine(0, poLineBytes(0));

    /**
     * {@code po a.b.c.d:DECIMAL} before the space and the length: made once per PO type in a row rather than with 14
     * divisions per message (the dotted and the 10-digit decimal form were a tenth of the router's CPU per message).
     */
    private static byte[] poLine(int type) {
        PoLine l = lastPoLine;
        if (l.type != type) {
            l = new PoLine(type, poLineBytes(type));
            lastPoLine = l;
        }
        return l.bytes;
    }

    private static byte[] poLineBytes(int t) {
        String line = "po " + (t >>> 24) + "." + ((t >>> 16) & 255) + "." + ((t >>> 8) & 255) + "." + (t & 255) + ":"
                + Integer.toUnsignedString(t);
        return line.getBytes(StandardCharsets.US_ASCII);
    }

    private void kv(String key, byte[] value) {
        ascii("kv ");
        ascii(key);
        out[p++] = ' ';
        decimal(value.length);
        out[p++] = '\n';
        System.arraycopy(value, 0, out, p, value.length);
        p += value.length;
        out[p++] = '\n';
    }

    /** {@code " LEN\nCONTENT\n"}: the end of an RO line and its content. */
    private void field(byte[] content) {
        out[p++] = ' ';
        decimal(content.length);
        out[p++] = '\n';
        System.arraycopy(content, 0, out, p, content.length);
        p += content.length;
        out[p++] = '\n';
    }

    private void ascii(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            out[p++] = (byte) s.charAt(i);
        }
    }

    /** A length or RO type (0..2^31-1) in decimal; int division, much cheaper than long division. */
    private void decimal(int v) {
        int d = digits(v);
        for (int i = p + d - 1; i >= p; i--) {
            out[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        p += d;
    }

    /** Decimal digits of {@code v} (0..2^31-1), by comparison: no division. */
    static int digits(int v) {
        int d = 1;
        for (int bound = 10; d < 10 && v >= bound; bound *= 10) {
            d++;
        }
        return d;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
