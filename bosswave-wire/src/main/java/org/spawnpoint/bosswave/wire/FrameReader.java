package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import static org.spawnpoint.bosswave.wire.FrameSyntax.KIND_KV;
import static org.spawnpoint.bosswave.wire.FrameSyntax.KIND_RO;
import static org.spawnpoint.bosswave.wire.FrameSyntax.KIND_UNKNOWN;
import static org.spawnpoint.bosswave.wire.FrameSyntax.name;

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
    /** What the frame being read holds of the shared budget. */
    private final FrameHold hold;
    private byte[] buf;
    /** What {@link #buf} may grow to while the peer sends faster than it is read (see {@link #fill}). */
    private final int maxBuffer;
    /** The last read filled all the room it was given, and that was at least half the buffer. */
    private boolean lastReadFull;
    /** Line syntax and numbers of {@link #buf}. */
    private final FrameSyntax syntax;
    /** This frame's kvs and the previous frame's, which repeat. */
    private final KvFields kvFields = new KvFields();
    private int pos;
    private int lim;
    /** Stream offset of the start of the current frame, and bytes consumed since then. */
    private long frameConsumed;
    /** Bytes consumed since the reader was created. */
    private long totalConsumed;
    /** Times {@link #fill} moved the buffered bytes to the front. */
    private int compactions;
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
        this(in, limits, bufferHint, bufferHint, budget);
    }

    /**
     * As above, with a buffer that starts at about {@code bufferHint} bytes and doubles, up to {@code maxBuffer}, while
     * reads fill it: a pipelining peer is then read in bigger chunks, an unhurried one costs only the smaller buffer.
     */
    public FrameReader(InputStream in, FrameLimits limits, int bufferHint, int maxBuffer, FrameBudget budget) {
        this.in = in;
        this.limits = limits;
        this.hold = new FrameHold(budget);
        this.buf = new byte[Math.max(Math.max(64, bufferHint), limits.maxLineBytes() * 2 + 2)];
        this.maxBuffer = Math.max(buf.length, maxBuffer);
        this.syntax = new FrameSyntax(buf);
    }

    /**
     * Reads straight from {@code bytes}, without copying them into a buffer: for {@link FrameCodec#decode}. The
     * array is only read, never written (there is no stream to refill from, so nothing is ever compacted).
     */
    FrameReader(byte[] bytes, FrameLimits limits) {
        this.in = null;
        this.limits = limits;
        this.hold = new FrameHold(FrameBudget.unlimited());
        this.buf = bytes;
        this.maxBuffer = bytes.length;
        this.syntax = new FrameSyntax(bytes);
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
            kvFields.abandon(); // nothing once the frame is complete (finish() cleared it)
            hold.release();
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
        currentSeqNo = FrameSyntax.peekSeqNo(buf, pos + 16);
        long seqNo = syntax.header(pos, limits.maxFrameBytes(), currentSeqNo);
        String command = InternedNames.command(buf, pos);
        consume(FrameCodec.HEADER_LENGTH);

        KvFields kvs = kvFields;
        kvs.begin(this.pos, compactions);
        int fields = kvs.samePrefix(buf, this.pos, lim);
        if (fields > 0) {
            hold.hold(kvs.prefixHeld(), KIND_KV, 0, frameConsumed); // at most 2 KiB: never beyond the free allowance
            consume(kvs.prefixLength());
        }
        List<RoutingObject> ros = List.of();
        List<PayloadObject> pos = List.of();
        while (true) {
            long lineOffset = frameConsumed;
            if (FrameSyntax.isEndLine(buf, this.pos, lim)) {
                endKvSection();
                consume(4);
                break;
            }
            long quick = syntax.quickLine(this.pos, lim);
            int lineEnd;
            int lineStart;
            int s1;
            int s2;
            if (quick >= 0) {
                lineStart = this.pos;
                lineEnd = syntax.quickEnd;
                s1 = lineStart + 2;
                s2 = syntax.quickS2;
            } else {
                lineEnd = readLine(fields);
                lineStart = this.pos;
                int lineLen = lineEnd - lineStart;
                if (lineLen == 3 && buf[lineStart] == 'e' && buf[lineStart + 1] == 'n' && buf[lineStart + 2] == 'd') {
                    consume(lineLen + 1);
                    break;
                }
                s1 = syntax.indexOf(lineStart, lineEnd, (byte) ' ');
                s2 = s1 < 0 ? -1 : syntax.indexOf(s1 + 1, lineEnd, (byte) ' ');
                if (s1 < 0 || s2 < 0 || syntax.indexOf(s2 + 1, lineEnd, (byte) ' ') >= 0) {
                    throw new MalformedFrameException("field[" + fields + "]", lineOffset, "bad line '"
                            + syntax.printable(lineStart, lineLen) + "': expected 3 space-separated tokens or 'end'");
                }
            }
            int lineLen = lineEnd - lineStart;
            if (++fields > limits.maxFields()) {
                throw new MalformedFrameException("field[" + fields + "]", lineOffset,
                        "more than " + limits.maxFields() + " fields in one frame");
            }
            int kind = syntax.classify(lineStart, s1);
            if (kind != KIND_KV) {
                endKvSection();
            }
            int index = fields - 1;
            long length = quick >= 0 ? quick
                    : syntax.decimal(s2 + 1, lineEnd, 0xFFFF_FFFFL, kind, index, ".length", lineOffset + (s2 + 1 - lineStart));
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
                    kvs.add(readKv(key, (int) length, index));
                }
                case KIND_RO -> {
                    long type = syntax.decimal(s1 + 1, s2, 255, kind, index, ".type", lineOffset + 3);
                    consume(lineLen + 1);
                    ros = FrameSyntax.add(ros, new RoutingObject((int) type, readBlob((int) length, kind, index)));
                }
                default -> {
                    int type = syntax.poType(s1 + 1, s2, index, lineOffset + 3);
                    consume(lineLen + 1);
                    pos = FrameSyntax.add(pos, new PayloadObject(type, readBlob((int) length, kind, index)));
                }
            }
        }
        List<Frame.Kv> kvList = kvs.finish();
        return new Frame(command, seqNo, kvList, FrameSyntax.immutable(ros), FrameSyntax.immutable(pos));
    }

    /** At the first line that is not a kv (see {@link KvFields#endSection}). */
    private void endKvSection() {
        kvFields.endSection(buf, this.pos, compactions, hold.held());
    }

    /** A kv: the previous frame's when it is the same (see {@link KvFields}), else a new one. */
    private Frame.Kv readKv(String key, int length, int index) throws IOException {
        if (lim - pos > length) { // the value and its separator byte are buffered
            Frame.Kv same = kvFields.same(key, buf, pos, length);
            if (same != null) {
                hold.hold(length, KIND_KV, index, frameConsumed);
                consume(length + 1); // the value and its separator byte, which like the Go peers we do not check
                return same;
            }
        }
        // the few values that nearly every request repeats (true, false, partial) are shared arrays instead of
        // copies: four of a publish's six value arrays (see InternedNames#value)
        if (length <= InternedNames.MAX_VALUE_LENGTH && lim - pos > length) {
            byte[] common = InternedNames.value(buf, pos, length);
            if (common != null) {
                hold.hold(length, KIND_KV, index, frameConsumed);
                consume(length + 1);
                return new Frame.Kv(key, common);
            }
        }
        return new Frame.Kv(key, readBlob(length, KIND_KV, index));
    }

    private byte[] readBlob(int length, int kind, int index) throws IOException {
        int have = Math.min(length, lim - pos);
        if (in == null && length > have) {
            throw new MalformedFrameException(name(kind, index, ".value"), frameConsumed, "stream ended inside a "
                    + length + "-byte value after " + have + " bytes");
        }
        byte[] out;
        if (have == length) {
            hold.hold(length, kind, index, frameConsumed);
            out = new byte[length];
            System.arraycopy(buf, pos, out, 0, have);
            consume(have);
        } else {
            // not all arrived: read straight from the stream into an array that grows as they do
            out = hold.readArriving(in, buf, pos, have, length, kind, index, frameConsumed);
            pos += have;
            frameConsumed += length;
            totalConsumed += length;
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
     * Bytes this reader holds right now: its buffer plus the values allocated for the frame being read (which grow
     * with the bytes that arrived, not with declared lengths).
     */
    public long heldBytes() {
        return (in == null ? 0 : buf.length) + hold.held();
    }

    /** Ensures a full line is buffered at {@code pos}; returns the index of its '\n'. */
    private int readLine(int fieldIndex) throws IOException {
        int scanned = pos;
        while (true) {
            int nl = syntax.indexOf(scanned, lim, (byte) '\n');
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

    /** Makes at least {@code n} bytes available from {@code pos}; false on end of stream. */
    private boolean fill(int n) throws IOException {
        if (lim - pos >= n) {
            return true;
        }
        if (in == null) {
            return false;
        }
        boolean grow = lastReadFull && buf.length < maxBuffer;
        if (pos > 0 || grow) {
            // a move, for the callers and the kv prefix alike (both go by compactions)
            byte[] to = buf;
            if (grow) {
                to = new byte[(int) Math.min(maxBuffer, 2L * buf.length)];
                syntax.rebind(to);
            }
            System.arraycopy(buf, pos, to, 0, lim - pos);
            buf = to;
            compactions++;
            lim -= pos;
            pos = 0;
        }
        while (lim < n) {
            int room = buf.length - lim;
            int r = in.read(buf, lim, room);
            if (r < 0) {
                return false;
            }
            lastReadFull = r == room && 2 * room >= buf.length;
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
}
