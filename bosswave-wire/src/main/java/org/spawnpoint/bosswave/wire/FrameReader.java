package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * Reads frames one after another from a byte stream, with its own unsynchronized buffer.
 *
 * <p>Parses field by field as both Go peers do; the header's length field is not trusted (§1.4). Every size read from
 * the peer is checked against {@link FrameLimits} before anything is allocated. Not thread-safe: one reader per stream.
 */
public final class FrameReader {

    /**
     * Value bytes a frame may hold before it is charged to the {@link FrameBudget}: ordinary frames (a publish is a
     * few hundred bytes) never touch the shared counter; also the first allocation for a value whose bytes have not
     * arrived yet, which then grows (doubling) only as they do.
     */
    public static final int FREE_BYTES_PER_FRAME = 64 << 10;

    private final InputStream in;
    private final FrameLimits limits;
    private final FrameBudget budget;
    private final byte[] buf;
    /** Value bytes allocated for the frame being read, and how many of them are reserved from {@link #budget}. */
    private long frameHeld;
    private long frameReserved;
    private int pos;
    private int lim;
    /** Stream offset of the start of the current frame, and bytes consumed since then. */
    private long frameConsumed;
    /** Bytes consumed since the reader was created. */
    private long totalConsumed;
    /** Seqno in the header of the frame being read (or last read); -1 when that header was incomplete or not numeric. */
    private long currentSeqNo = -1;

    /** Reads frames from {@code in} within {@link FrameLimits#DEFAULT}. */
    public FrameReader(InputStream in) {
        this(in, FrameLimits.DEFAULT);
    }

    /** Reads frames from {@code in}; a frame beyond {@code limits} fails before its bytes are allocated. */
    public FrameReader(InputStream in, FrameLimits limits) {
        this(in, limits, 8192);
    }

    /** With a buffer of about {@code bufferHint} bytes (never less than two lines). */
    public FrameReader(InputStream in, FrameLimits limits, int bufferHint) {
        this(in, limits, bufferHint, FrameBudget.unlimited());
    }

    /**
     * With a buffer of about {@code bufferHint} bytes, charging value bytes of frames still arriving to {@code budget}
     * (shared by the readers of one server; see {@link FrameBudget}).
     */
    public FrameReader(InputStream in, FrameLimits limits, int bufferHint, FrameBudget budget) {
        this.in = in;
        this.limits = limits;
        this.budget = budget;
        this.buf = new byte[Math.max(Math.max(64, bufferHint), limits.maxLineBytes() * 2 + 2)];
    }

    /**
     * Reads straight from {@code bytes}, without copying them into a buffer: for {@link FrameCodec#decode}. The
     * array is only read, never written (there is no stream to refill from, so nothing is ever compacted).
     */
    FrameReader(byte[] bytes, FrameLimits limits) {
        this.in = null;
        this.limits = limits;
        this.budget = FrameBudget.unlimited();
        this.buf = bytes;
        this.lim = bytes.length;
    }

    /**
     * The next frame, or null when the stream ends cleanly between frames.
     *
     * @throws MalformedFrameException when the bytes break the syntax or the limits, or the stream ends mid-frame
     */
    public Frame read() throws IOException {
        try {
            return readFrame();
        } finally {
            // the frame is complete (its values belong to the Frame now) or failed: nothing is pending any more
            frameHeld = 0;
            if (frameReserved > 0) {
                budget.release(frameReserved);
                frameReserved = 0;
            }
        }
    }

    private Frame readFrame() throws IOException {
        frameConsumed = 0;
        currentSeqNo = -1;
        if (!fill(FrameCodec.HEADER_LENGTH)) {
            if (lim - pos == 0) {
                return null;
            }
            throw new MalformedFrameException("header", lim - pos, "stream ended inside the 27-byte header");
        }
        currentSeqNo = peekSeqNo(pos + 16);
        for (int i = 0; i < 4; i++) {
            byte c = buf[pos + i];
            if (c <= 0x20 || c >= 0x7f) {
                throw new MalformedFrameException("header.command", i, "command byte 0x" + Integer.toHexString(c & 255)
                        + " is not printable ASCII");
            }
        }
        String command = InternedNames.command(buf, pos);
        long declared = decimal(pos + 5, pos + 15, 0xFFFF_FFFFL, KIND_HEADER, 0, ".length", 5);
        // The length is not needed to parse (§1.4: a client may send 0), but a correct one over the limit is refused
        // before any of the body is read.
        if (declared > limits.maxFrameBytes()) {
            throw new MalformedFrameException("header.length", 5, "frame of " + declared
                    + " bytes exceeds the limit of " + limits.maxFrameBytes());
        }
        long seqNo = decimal(pos + 16, pos + 26, 0xFFFF_FFFFL, KIND_HEADER, 0, ".seqno", 16);
        consume(FrameCodec.HEADER_LENGTH);

        Frame.Kv[] kvs = new Frame.Kv[8];
        int kvCount = 0;
        List<RoutingObject> ros = List.of();
        List<PayloadObject> pos = List.of();
        int fields = 0;
        while (true) {
            long lineOffset = frameConsumed;
            if (isEndLine()) {
                consume(4);
                break;
            }
            long quick = quickLine();
            int lineEnd;
            int lineStart;
            int s1;
            int s2;
            if (quick >= 0) {
                lineStart = this.pos;
                lineEnd = quickEnd;
                s1 = lineStart + 2;
                s2 = quickS2;
            } else {
                lineEnd = readLine(fields);
                lineStart = this.pos;
                int lineLen = lineEnd - lineStart;
                if (lineLen == 3 && buf[lineStart] == 'e' && buf[lineStart + 1] == 'n' && buf[lineStart + 2] == 'd') {
                    consume(lineLen + 1);
                    break;
                }
                s1 = indexOf(lineStart, lineEnd, (byte) ' ');
                s2 = s1 < 0 ? -1 : indexOf(s1 + 1, lineEnd, (byte) ' ');
                if (s1 < 0 || s2 < 0 || indexOf(s2 + 1, lineEnd, (byte) ' ') >= 0) {
                    throw new MalformedFrameException("field[" + fields + "]", lineOffset, "bad line '"
                            + printable(lineStart, lineLen) + "': expected 3 space-separated tokens or 'end'");
                }
            }
            int lineLen = lineEnd - lineStart;
            if (++fields > limits.maxFields()) {
                throw new MalformedFrameException("field[" + fields + "]", lineOffset,
                        "more than " + limits.maxFields() + " fields in one frame");
            }
            int kind = classify(lineStart, s1);
            int index = fields - 1;
            long length = quick >= 0 ? quick
                    : decimal(s2 + 1, lineEnd, 0xFFFF_FFFFL, kind, index, ".length", lineOffset + (s2 + 1 - lineStart));
            if (kind == KIND_UNKNOWN) {
                // The Go peers ignore such a line and do not consume its blob; we do the same.
                consume(lineLen + 1);
                continue;
            }
            if (length > limits.maxFieldBytes()) {
                throw new MalformedFrameException(name(kind, index, ".length"), lineOffset,
                        "field of " + length + " bytes exceeds the limit of " + limits.maxFieldBytes());
            }
            if (frameConsumed + lineLen + 1 + length + 1 > limits.maxFrameBytes() + (long) FrameCodec.HEADER_LENGTH) {
                throw new MalformedFrameException(name(kind, index, ".length"), lineOffset,
                        "frame exceeds the limit of " + limits.maxFrameBytes() + " bytes");
            }
            switch (kind) {
                case KIND_KV -> {
                    if (s2 == s1 + 1) {
                        throw new MalformedFrameException(name(kind, index, ".key"), lineOffset, "empty kv key");
                    }
                    String key = InternedNames.key(buf, s1 + 1, s2);
                    consume(lineLen + 1);
                    if (kvCount == kvs.length) {
                        kvs = java.util.Arrays.copyOf(kvs, kvCount * 2);
                    }
                    kvs[kvCount++] = new Frame.Kv(key, readKvValue((int) length, kind, index));
                }
                case KIND_RO -> {
                    long type = decimal(s1 + 1, s2, 255, kind, index, ".type", lineOffset + 3);
                    consume(lineLen + 1);
                    ros = add(ros, new RoutingObject((int) type, readBlob((int) length, kind, index)));
                }
                default -> {
                    int type = parsePoType(s1 + 1, s2, index, lineOffset + 3);
                    consume(lineLen + 1);
                    pos = add(pos, new PayloadObject(type, readBlob((int) length, kind, index)));
                }
            }
        }
        // List.of copies once into an immutable list, which Frame's List.copyOf then keeps as it is.
        List<Frame.Kv> kvList = kvCount == kvs.length ? List.of(kvs) : List.of(java.util.Arrays.copyOf(kvs, kvCount));
        return new Frame(command, seqNo, kvList, immutable(ros), immutable(pos));
    }

    /**
     * Appends to a list that starts as {@code List.of()}: the first element makes an immutable one-element list (a
     * publish carries one PO, and the Frame keeps that list as it is), a second one an ArrayList.
     */
    private static <T> List<T> add(List<T> list, T element) {
        if (list.isEmpty()) {
            return List.of(element);
        }
        if (!(list instanceof ArrayList)) {
            list = new ArrayList<>(list);
        }
        list.add(element);
        return list;
    }

    private static <T> List<T> immutable(List<T> list) {
        return list instanceof ArrayList ? List.copyOf(list) : list;
    }

    /** True when the buffered bytes at {@code pos} are the line {@code end}. */
    private boolean isEndLine() {
        int p = pos;
        return lim - p >= 4 && buf[p] == 'e' && buf[p + 1] == 'n' && buf[p + 2] == 'd' && buf[p + 3] == '\n';
    }

    /** Set by {@link #quickLine}: the second space and the '\n' of the line. */
    private int quickS2;
    private int quickEnd;

    /**
     * The common line, wholly buffered: a two-character tag, a space, a token, a space, 1 to 10 digits of length
     * (at most 2^32-1) and '\n'. Returns the length having touched each byte once, or -1 for anything else, which the
     * general path then reads (with its refills and its errors) as if this had not looked. The general path scans a
     * line for its end, then again for its spaces, then parses the length: that was a fifth of the decoding's CPU
     * samples (CodecBenchmark under JFR).
     */
    private long quickLine() {
        byte[] b = buf;
        int p = pos;
        int end = lim;
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

    private static final int KIND_UNKNOWN = 0;
    private static final int KIND_KV = 1;
    private static final int KIND_RO = 2;
    private static final int KIND_PO = 3;
    private static final int KIND_HEADER = 4;

    /** The field name for error messages, e.g. {@code kv[2].length}; built only when something failed. */
    private static String name(int kind, int index, String part) {
        if (kind == KIND_HEADER) {
            return "header" + part;
        }
        if (kind == KIND_UNKNOWN) {
            return "field[" + index + "]";
        }
        return kindName(kind) + "[" + index + "]" + part;
    }

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

    /** Unsigned decimal in buf[from, to), at most {@code max}; errors name the field and the failing byte. */
    private long decimal(int from, int to, long max, int kind, int index, String part, long offset)
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
    private int parsePoType(int from, int to, int index, long offset) throws MalformedFrameException {
        // a connection sends the same PO type again and again: compared with the last valid one (a vectorized
        // mismatch) it needs no parse of its dotted and decimal forms, a tenth of a publish's decoding
        byte[] last = lastPoToken;
        int n = to - from;
        if (n == last.length && n > 0 && java.util.Arrays.equals(buf, from, to, last, 0, n)) {
            return lastPoType;
        }
        int type = parsePoTypeText(from, to, index, offset);
        lastPoToken = java.util.Arrays.copyOfRange(buf, from, to);
        lastPoType = type;
        return type;
    }

    /** The last PO type token that parsed, and its value. */
    private byte[] lastPoToken = new byte[0];
    private int lastPoType;

    private int parsePoTypeText(int from, int to, int index, long offset) throws MalformedFrameException {
        int colon = indexOf(from, to, (byte) ':');
        if (colon < 0) {
            throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                    + printable(from, to - from) + "' lacks the ':' between dotted and decimal forms");
        }
        long dotted = colon > from ? parseDotted(from, colon, index, offset) : -1;
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
    private long parseDotted(int from, int to, int index, long offset) throws MalformedFrameException {
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
                throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                        + printable(from, to - from) + "' must have the form a.b.c.d with parts 0..255");
            }
            n = (n << 8) | v;
            parts++;
            if (i == to) {
                break;
            }
            if (buf[i] != '.' || parts == 4) {
                throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                        + printable(from, to - from) + "' must have the form a.b.c.d with parts 0..255");
            }
            i++;
        }
        if (parts != 4) {
            throw new MalformedFrameException(name(KIND_PO, index, ".type"), offset, "payload type '"
                    + printable(from, to - from) + "' must have the form a.b.c.d with parts 0..255");
        }
        return n;
    }

    /**
     * A kv value; the few values that nearly every request repeats ({@code true}, {@code false}, {@code partial}) are
     * shared arrays instead of copies: four of a publish's six value arrays (see {@link InternedNames#value}).
     */
    private byte[] readKvValue(int length, int kind, int index) throws IOException {
        if (length <= InternedNames.MAX_VALUE_LENGTH && lim - pos > length) {
            byte[] common = InternedNames.value(buf, pos, length);
            if (common != null) {
                hold(length, kind, index);
                consume(length + 1); // the value and its separator byte, which like the Go peers we do not check
                return common;
            }
        }
        return readBlob(length, kind, index);
    }

    private byte[] readBlob(int length, int kind, int index) throws IOException {
        int have = Math.min(length, lim - pos);
        if (in == null && length > have) {
            throw new MalformedFrameException(name(kind, index, ".value"), frameConsumed, "stream ended inside a "
                    + length + "-byte value after " + have + " bytes");
        }
        byte[] out;
        if (have == length) {
            hold(length, kind, index);
            out = new byte[length];
            System.arraycopy(buf, pos, out, 0, have);
            consume(have);
        } else {
            out = readArriving(length, have, kind, index);
        }
        // One separator byte follows every blob; like the Go peers we do not check it.
        if (!fill(1)) {
            throw new MalformedFrameException(name(kind, index, ".value"), frameConsumed,
                    "stream ended before the newline after a value");
        }
        consume(1);
        return out;
    }

    /**
     * A value whose bytes have not all arrived: the array grows (doubling) as they do, so what a connection holds
     * follows what it sent, never what its length field declares (a 64 MiB declaration followed by one byte holds
     * {@link #FREE_BYTES_PER_FRAME}).
     */
    private byte[] readArriving(int length, int have, int kind, int index) throws IOException {
        int cap = Math.min(length, Math.max(have, FREE_BYTES_PER_FRAME));
        hold(cap, kind, index);
        byte[] out = new byte[cap];
        System.arraycopy(buf, pos, out, 0, have);
        consume(have);
        int off = have;
        while (off < length) {
            if (off == out.length) {
                int grown = (int) Math.min(length, out.length * 2L);
                hold(grown - out.length, kind, index);
                out = java.util.Arrays.copyOf(out, grown);
            }
            int n = in.read(out, off, out.length - off);
            if (n < 0) {
                throw new MalformedFrameException(name(kind, index, ".value"), frameConsumed, "stream ended inside a "
                        + length + "-byte value after " + off + " bytes");
            }
            off += n;
            frameConsumed += n;
            totalConsumed += n;
        }
        return out;
    }

    /** Counts {@code bytes} more held by this frame; beyond the free allowance they must fit the shared budget. */
    private void hold(long bytes, int kind, int index) throws MalformedFrameException {
        frameHeld += bytes;
        long over = frameHeld - FREE_BYTES_PER_FRAME - frameReserved;
        if (over > 0) {
            if (!budget.tryReserve(over)) {
                throw new MalformedFrameException(name(kind, index, ".value"), frameConsumed, "frames still arriving "
                        + "on all connections already hold " + budget.used() + " of the " + budget.capacity()
                        + " bytes allowed (" + budget.name() + "); send it again later");
            }
            frameReserved += over;
        }
    }

    /**
     * Bytes this reader holds right now: its buffer plus the values allocated for the frame being read (which grow
     * with the bytes that arrived, not with declared lengths).
     */
    public long heldBytes() {
        return (in == null ? 0 : buf.length) + frameHeld;
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
            // fill() may have moved the buffered bytes to the front
            scanned -= before - pos;
        }
    }

    /**
     * The seqno of the frame being read or last read, known as soon as its 27-byte header is in, even when a later
     * part of the frame (or another header field) is malformed: so that a server can still answer on it. -1 when the
     * header was incomplete or its seqno field is not ten digits.
     */
    public long currentSeqNo() {
        return currentSeqNo;
    }

    /** Bytes already read from the stream and not yet consumed: a sign that the peer is pipelining. */
    public int buffered() {
        return lim - pos;
    }

    private long peekSeqNo(int at) {
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

    /** Makes at least {@code n} bytes available from {@code pos}; false on end of stream. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (in == null) {
            return false;
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
