package org.spawnpoint.bosswave.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The syntax of a frame's lines for {@link FrameReader}: the common line in one pass, tags, decimal numbers and PO
 * types, and the errors that name the field and the failing byte. Reads the reader's buffer, never writes it; one
 * instance per reader (it keeps the last line's positions and the last PO type), so not thread-safe.
 */
final class FrameSyntax {
    static final int KIND_UNKNOWN = 0;
    static final int KIND_KV = 1;
    static final int KIND_RO = 2;
    static final int KIND_PO = 3;
    static final int KIND_HEADER = 4;

    private byte[] buf;
    /** Set by {@link #quickLine}: the second space and the '\n' of the line. */
    int quickS2;
    int quickEnd;
    /** The last PO type token that parsed, and its value. */
    private byte[] lastPoToken = new byte[0];
    private int lastPoType;

    FrameSyntax(byte[] buf) {
        this.buf = buf;
    }

    /** Reads {@code buf} from now on: the reader's buffer grew (no line is under way then). */
    void rebind(byte[] buf) {
        this.buf = buf;
    }

    /** True when the buffered bytes at {@code p} (up to {@code lim}) are the line {@code end}. */
    static boolean isEndLine(byte[] buf, int p, int lim) {
        return lim - p >= 4 && buf[p] == 'e' && buf[p + 1] == 'n' && buf[p + 2] == 'd' && buf[p + 3] == '\n';
    }

    /**
     * Checks the 27-byte header at {@code at} and returns its seqno: a printable command, a length field that is a
     * number within {@code maxFrameBytes} (not needed to parse, §1.4: a client may send 0, but a correct one over the
     * limit is refused before any of the body is read), a uint32 seqno: {@code peekedSeqNo} when that is one (it is
     * then what parsing the field again would give), else parsed for its error.
     */
    long header(int at, long maxFrameBytes, long peekedSeqNo) throws MalformedFrameException {
        checkCommand(at);
        long declared = decimal(at + 5, at + 15, 0xFFFF_FFFFL, KIND_HEADER, 0, ".length", 5);
        if (declared > maxFrameBytes) {
            throw new MalformedFrameException("header.length", 5, "frame of " + declared
                    + " bytes exceeds the limit of " + maxFrameBytes);
        }
        return peekedSeqNo >= 0 ? peekedSeqNo : decimal(at + 16, at + 26, 0xFFFF_FFFFL, KIND_HEADER, 0, ".seqno", 16);
    }

    /** Fails unless the 4 command bytes at {@code at} are printable ASCII. */
    private void checkCommand(int at) throws MalformedFrameException {
        for (int i = 0; i < 4; i++) {
            byte c = buf[at + i];
            if (c <= 0x20 || c >= 0x7f) {
                throw new MalformedFrameException("header.command", i, "command byte 0x" + Integer.toHexString(c & 255)
                        + " is not printable ASCII");
            }
        }
    }

    /** The header's seqno at {@code at}: ten digits, at most a uint32; else -1. */
    static long peekSeqNo(byte[] buf, int at) {
        long v = 0;
        for (int i = at; i < at + 10; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        // ten digits may exceed the uint32 a reply can carry: such a frame has no seqno to answer on
        return v <= Frame.MAX_SEQNO ? v : -1;
    }

    /**
     * Appends to a list that starts as {@code List.of()}: the first element makes an immutable one-element list (a
     * publish carries one PO, and the Frame keeps that list as it is), a second one an ArrayList.
     */
    static <T> List<T> add(List<T> list, T element) {
        if (list.isEmpty()) {
            return List.of(element);
        }
        if (!(list instanceof ArrayList)) {
            list = new ArrayList<>(list);
        }
        list.add(element);
        return list;
    }

    static <T> List<T> immutable(List<T> list) {
        return list instanceof ArrayList ? List.copyOf(list) : list;
    }

    /**
     * The common line, wholly buffered in buf[p, end): a two-character tag, a space, a token, a space, 1 to 10 digits
     * of length (at most 2^32-1) and '\n'. Returns the length having touched each byte once, or -1 for anything else,
     * which the general path then reads (with its refills and its errors) as if this had not looked. The general path
     * scans a line for its end, then again for its spaces, then parses the length: that was a fifth of the decoding's
     * CPU samples (CodecBenchmark under JFR).
     */
    long quickLine(int p, int end) {
        byte[] b = buf;
        if (end - p < 6 || b[p + 2] != ' ' || b[p] == ' ' || b[p] == '\n' || b[p + 1] == ' ' || b[p + 1] == '\n') {
            return -1;
        }
        int s2 = p + 3;
        while (s2 < end && b[s2] != ' ') {
            if (b[s2] == '\n') {
                return -1;
            }
            s2++;
        }
        int j = s2 + 1;
        int digitsEnd = Math.min(end, s2 + 11);
        long v = 0;
        while (j < digitsEnd) {
            int d = b[j] - '0';
            if (d < 0 || d > 9) {
                break;
            }
            v = v * 10 + d;
            j++;
        }
        if (j == s2 + 1 || j >= end || b[j] != '\n' || v > 0xFFFF_FFFFL) {
            return -1;
        }
        quickS2 = s2;
        quickEnd = j;
        return v;
    }

    /** The field name for error messages, e.g. {@code kv[2].length}; built only when something failed. */
    static String name(int kind, int index, String part) {
        if (kind == KIND_HEADER) {
            return "header" + part;
        }
        if (kind == KIND_UNKNOWN) {
            return "field[" + index + "]";
        }
        return kindName(kind) + "[" + index + "]" + part;
    }

    private static String kindName(int kind) {
        return switch (kind) {
            case KIND_KV -> "kv";
            case KIND_RO -> "ro";
            case KIND_PO -> "po";
            default -> "field";
        };
    }

    /** The kind of the line whose tag is buf[start, space). */
    int classify(int start, int space) {
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

    /** Unsigned decimal in buf[from, to), at most {@code max}; errors name the field and the failing byte. */
    long decimal(int from, int to, long max, int kind, int index, String part, long offset)
            throws MalformedFrameException {
        if (from < to && to - from <= 10) {
            long v = 0;
            int i = from;
            for (; i < to; i++) {
                int d = buf[i] - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                v = v * 10 + d;
            }
            if (i == to && v <= max) {
                return v;
            }
        }
        // Rare: leading zeros beyond 10 digits (Go's ParseUint accepts them), or an error to describe.
        long v = 0;
        for (int i = from; i < to && from < to; i++) {
            int d = buf[i] - '0';
            if (d < 0 || d > 9 || (v = v * 10 + d) > max) {
                throw decimalError(from, to, max, name(kind, index, part), offset);
            }
        }
        if (from >= to) {
            throw decimalError(from, to, max, name(kind, index, part), offset);
        }
        return v;
    }

    private MalformedFrameException decimalError(int from, int to, long max, String field, long offset) {
        if (from >= to) {
            return new MalformedFrameException(field, offset, "expected a decimal number, found nothing");
        }
        for (int i = from; i < to; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return new MalformedFrameException(field, offset + (i - from),
                        "expected a decimal number, found '" + printable(from, to - from) + "'");
            }
        }
        return new MalformedFrameException(field, offset, "number '" + printable(from, to - from) + "' exceeds " + max);
    }

    /** {@code a.b.c.d:decimal}, either half may be empty, both must agree when present. */
    int poType(int from, int to, int index, long offset) throws MalformedFrameException {
        // a connection sends the same PO type again and again: compared with the last valid one (a vectorized
        // mismatch) it needs no parse of its dotted and decimal forms, a tenth of a publish's decoding
        byte[] last = lastPoToken;
        int n = to - from;
        if (n == last.length && n > 0 && java.util.Arrays.equals(buf, from, to, last, 0, n)) {
            return lastPoType;
        }
        int type = poTypeText(from, to, index, offset);
        lastPoToken = java.util.Arrays.copyOfRange(buf, from, to);
        lastPoType = type;
        return type;
    }

    private int poTypeText(int from, int to, int index, long offset) throws MalformedFrameException {
        int colon = indexOf(from, to, (byte) ':');
        if (colon < 0) {
            throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                    + printable(from, to - from) + "' lacks the ':' between dotted and decimal forms");
        }
        long dotted = colon > from ? dotted(from, colon, index, offset) : -1;
        long decimal = colon + 1 < to ? decimal(colon + 1, to, 0xFFFF_FFFFL, KIND_PO, index, ".type",
                offset + (colon + 1 - from)) : -1;
        if (dotted < 0 && decimal < 0) {
            throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset,
                    "payload type has neither a dotted nor a decimal form");
        }
        if (dotted >= 0 && decimal >= 0 && dotted != decimal) {
            throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                    + printable(from, to - from) + "': dotted and decimal forms disagree");
        }
        return (int) (dotted >= 0 ? dotted : decimal);
    }

    /** {@code a.b.c.d} in buf[from, to), each part 1..3 digits with value 0..255, as an unsigned number. */
    private long dotted(int from, int to, int index, long offset) throws MalformedFrameException {
        long n = 0;
        int parts = 0;
        int i = from;
        while (true) {
            int start = i;
            int v = 0;
            while (i < to && buf[i] >= '0' && buf[i] <= '9' && i - start < 4) {
                v = v * 10 + (buf[i] - '0');
                i++;
            }
            if (i == start || i - start > 3 || v > 255) {
                throw badDotted(from, to, index, offset);
            }
            n = (n << 8) | v;
            parts++;
            if (i == to) {
                break;
            }
            if (buf[i] != '.' || parts == 4) {
                throw badDotted(from, to, index, offset);
            }
            i++;
        }
        if (parts != 4) {
            throw badDotted(from, to, index, offset);
        }
        return n;
    }

    private MalformedFrameException badDotted(int from, int to, int index, long offset) {
        return new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                + printable(from, to - from) + "' must have the form a.b.c.d with parts 0..255");
    }

    int indexOf(int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (buf[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** At most 60 bytes of buf[from, from + len) (all of them buffered), non-printable ones as '?'. */
    String printable(int from, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + Math.min(len, 60) && i < buf.length; i++) {
            int c = buf[i] & 255;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
        }
        return sb.toString();
    }
}
