package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.PayloadObject;
import org.spawnpoint.bosswave.PoNum;
import org.spawnpoint.bosswave.RoutingObject;

/**
 * Reads frames one after another from a byte stream, with its own unsynchronized buffer.
 *
 * <p>Parses field by field as both Go peers do; the header's length field is not trusted (§1.4). Every size read from
 * the peer is checked against {@link FrameLimits} before anything is allocated. Not thread-safe: one reader per stream.
 */
public final class FrameReader {

    private final InputStream in;
    private final FrameLimits limits;
    private final byte[] buf;
    private int pos;
    private int lim;
    /** Stream offset of the start of the current frame, and bytes consumed since then. */
    private long frameConsumed;
    /** Bytes consumed since the reader was created. */
    private long totalConsumed;

    public FrameReader(InputStream in) {
        this(in, FrameLimits.DEFAULT);
    }

    public FrameReader(InputStream in, FrameLimits limits) {
        this.in = in;
        this.limits = limits;
        this.buf = new byte[Math.max(8192, limits.maxLineBytes() * 2)];
    }

    /**
     * The next frame, or null when the stream ends cleanly between frames.
     *
     * @throws MalformedFrameException when the bytes break the syntax or the limits, or the stream ends mid-frame
     */
    public Frame read() throws IOException {
        frameConsumed = 0;
        if (!fill(FrameCodec.HEADER_LENGTH)) {
            if (lim - pos == 0) {
                return null;
            }
            throw new MalformedFrameException("header", lim - pos, "stream ended inside the 27-byte header");
        }
        String command = new String(buf, pos, 4, StandardCharsets.ISO_8859_1);
        for (int i = 0; i < 4; i++) {
            byte c = buf[pos + i];
            if (c <= 0x20 || c >= 0x7f) {
                throw new MalformedFrameException("header.command", i, "command byte 0x" + Integer.toHexString(c & 255)
                        + " is not printable ASCII");
            }
        }
        parseHeaderNumber(5, "header.length");
        long seqNo = parseHeaderNumber(16, "header.seqno");
        consume(FrameCodec.HEADER_LENGTH);

        List<Frame.Kv> kvs = new ArrayList<>(6);
        List<RoutingObject> ros = List.of();
        List<PayloadObject> pos = List.of();
        int fields = 0;
        while (true) {
            long lineOffset = frameConsumed;
            int lineEnd = readLine(fields);
            int lineStart = this.pos;
            int lineLen = lineEnd - lineStart;
            if (lineLen == 3 && buf[lineStart] == 'e' && buf[lineStart + 1] == 'n' && buf[lineStart + 2] == 'd') {
                consume(lineLen + 1);
                break;
            }
            int s1 = indexOf(lineStart, lineEnd, (byte) ' ');
            int s2 = s1 < 0 ? -1 : indexOf(s1 + 1, lineEnd, (byte) ' ');
            if (s1 < 0 || s2 < 0 || indexOf(s2 + 1, lineEnd, (byte) ' ') >= 0) {
                throw new MalformedFrameException("field[" + fields + "]", lineOffset,
                        "bad line '" + printable(lineStart, lineLen) + "': expected 3 space-separated tokens or 'end'");
            }
            if (++fields > limits.maxFields()) {
                throw new MalformedFrameException("field[" + fields + "]", lineOffset,
                        "more than " + limits.maxFields() + " fields in one frame");
            }
            int kind = classify(lineStart, s1);
            String where = kindName(kind) + "[" + (fields - 1) + "]";
            long length = parseDecimal(s2 + 1, lineEnd, where + ".length", lineOffset + (s2 + 1 - lineStart), 0xFFFF_FFFFL);
            if (kind == KIND_UNKNOWN) {
                // The Go peers ignore such a line and do not consume its blob; we do the same.
                consume(lineLen + 1);
                continue;
            }
            if (length > limits.maxFieldBytes()) {
                throw new MalformedFrameException(where + ".length", lineOffset,
                        "field of " + length + " bytes exceeds the limit of " + limits.maxFieldBytes());
            }
            if (frameConsumed + lineLen + 1 + length + 1 > limits.maxFrameBytes() + (long) FrameCodec.HEADER_LENGTH) {
                throw new MalformedFrameException(where + ".length", lineOffset,
                        "frame exceeds the limit of " + limits.maxFrameBytes() + " bytes");
            }
            switch (kind) {
                case KIND_KV -> {
                    if (s2 == s1 + 1) {
                        throw new MalformedFrameException(where + ".key", lineOffset, "empty kv key");
                    }
                    String key = new String(buf, s1 + 1, s2 - s1 - 1, StandardCharsets.UTF_8);
                    consume(lineLen + 1);
                    kvs.add(new Frame.Kv(key, readBlob((int) length, where)));
                }
                case KIND_RO -> {
                    long type = parseDecimal(s1 + 1, s2, where + ".type", lineOffset + 3, 255);
                    consume(lineLen + 1);
                    if (ros.isEmpty()) {
                        ros = new ArrayList<>(2);
                    }
                    ros.add(new RoutingObject((int) type, readBlob((int) length, where)));
                }
                default -> {
                    int type = parsePoType(s1 + 1, s2, where + ".type", lineOffset + 3);
                    consume(lineLen + 1);
                    if (pos.isEmpty()) {
                        pos = new ArrayList<>(2);
                    }
                    pos.add(new PayloadObject(type, readBlob((int) length, where)));
                }
            }
        }
        return new Frame(command, seqNo, kvs, ros, pos);
    }

    private static final int KIND_UNKNOWN = 0;
    private static final int KIND_KV = 1;
    private static final int KIND_RO = 2;
    private static final int KIND_PO = 3;

    private int classify(int start, int space) {
        if (space - start == 2) {
            byte a = buf[start];
            byte b = buf[start + 1];
            if (a == 'k' && b == 'v') {
                return KIND_KV;
            }
            if (a == 'r' && b == 'o') {
                return KIND_RO;
            }
            if (a == 'p' && b == 'o') {
                return KIND_PO;
            }
        }
        return KIND_UNKNOWN;
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case KIND_KV -> "kv";
            case KIND_RO -> "ro";
            case KIND_PO -> "po";
            default -> "field";
        };
    }

    private long parseHeaderNumber(int at, String field) throws MalformedFrameException {
        return parseDecimal(pos + at, pos + at + 10, field, at, 0xFFFF_FFFFL);
    }

    /** Unsigned decimal in buf[from, to), at most {@code max}. */
    private long parseDecimal(int from, int to, String field, long offset, long max) throws MalformedFrameException {
        if (from >= to) {
            throw new MalformedFrameException(field, offset, "expected a decimal number, found nothing");
        }
        if (to - from > 20) {
            throw new MalformedFrameException(field, offset, "number '" + printable(from, 20) + "...' is too long");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                throw new MalformedFrameException(field, offset + (i - from),
                        "expected a decimal number, found '" + printable(from, to - from) + "'");
            }
            v = v * 10 + d;
            if (v > max) {
                throw new MalformedFrameException(field, offset, "number '" + printable(from, to - from)
                        + "' exceeds " + max);
            }
        }
        return v;
    }

    /** {@code a.b.c.d:decimal}, either half may be empty, both must agree when present. */
    private int parsePoType(int from, int to, String field, long offset) throws MalformedFrameException {
        int colon = indexOf(from, to, (byte) ':');
        if (colon < 0) {
            throw new MalformedFrameException(field, offset, "payload type '" + printable(from, to - from)
                    + "' lacks the ':' between dotted and decimal forms");
        }
        Long dotted = null;
        if (colon > from) {
            String text = new String(buf, from, colon - from, StandardCharsets.ISO_8859_1);
            try {
                dotted = Integer.toUnsignedLong(PoNum.fromDotted(text));
            } catch (IllegalArgumentException e) {
                throw new MalformedFrameException(field, offset, e.getMessage());
            }
        }
        Long decimal = null;
        if (colon + 1 < to) {
            decimal = parseDecimal(colon + 1, to, field, offset + (colon + 1 - from), 0xFFFF_FFFFL);
        }
        if (dotted == null && decimal == null) {
            throw new MalformedFrameException(field, offset, "payload type has neither a dotted nor a decimal form");
        }
        if (dotted != null && decimal != null && !dotted.equals(decimal)) {
            throw new MalformedFrameException(field, offset, "payload type '" + printable(from, to - from)
                    + "': dotted and decimal forms disagree");
        }
        return (int) (long) (dotted != null ? dotted : decimal);
    }

    private byte[] readBlob(int length, String where) throws IOException {
        byte[] out = new byte[length];
        int have = Math.min(length, lim - pos);
        System.arraycopy(buf, pos, out, 0, have);
        consume(have);
        int off = have;
        while (off < length) {
            int n = in.read(out, off, length - off);
            if (n < 0) {
                throw new MalformedFrameException(where + ".value", frameConsumed, "stream ended inside a "
                        + length + "-byte value after " + off + " bytes");
            }
            off += n;
            frameConsumed += n;
            totalConsumed += n;
        }
        // One separator byte follows every blob; like the Go peers we do not check it.
        if (!fill(1)) {
            throw new MalformedFrameException(where + ".value", frameConsumed, "stream ended before the newline after a value");
        }
        consume(1);
        return out;
    }

    /** Ensures a full line is buffered at {@code pos}; returns the index of its '\n'. */
    private int readLine(int fieldIndex) throws IOException {
        int scanned = pos;
        while (true) {
            int nl = indexOf(scanned, lim, (byte) '\n');
            if (nl >= 0) {
                return nl;
            }
            if (lim - pos > limits.maxLineBytes()) {
                throw new MalformedFrameException("field[" + fieldIndex + "]", frameConsumed,
                        "line longer than " + limits.maxLineBytes() + " bytes");
            }
            scanned = lim;
            int before = pos;
            if (!fill(lim - pos + 1)) {
                throw new MalformedFrameException("field[" + fieldIndex + "]", frameConsumed,
                        "stream ended before 'end' (frame not terminated)");
            }
            scanned -= before - pos;
        }
    }

    /** Makes at least {@code n} bytes available from {@code pos}; false on end of stream. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int r = in.read(buf, lim, buf.length - lim);
            if (r < 0) {
                return false;
            }
            lim += r;
        }
        return true;
    }

    private void consume(int n) {
        pos += n;
        frameConsumed += n;
        totalConsumed += n;
    }

    /** True when the stream has ended and nothing is left buffered (no partial frame follows). */
    boolean atEndOfStream() throws IOException {
        return !fill(1);
    }

    /** Bytes consumed from the stream so far. */
    long consumed() {
        return totalConsumed;
    }

    private int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private String printable(int from, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + Math.min(len, 60) && i < lim; i++) {
            int c = buf[i] & 255;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}
