package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.InputStream;

/**
 * The value bytes that the frame being read by one {@link FrameReader} holds, and the part of them charged to the
 * shared {@link FrameBudget}: beyond {@link FrameReader#FREE_BYTES_PER_FRAME} a frame's values must fit the budget.
 */
final class FrameHold {
    private final FrameBudget budget;
    /** Value bytes allocated for the frame being read, and how many of them are reserved from {@link #budget}. */
    private long held;
    private long reserved;

    FrameHold(FrameBudget budget) {
        this.budget = budget;
    }

    /** Counts {@code bytes} more held by this frame; beyond the free allowance they must fit the shared budget. */
    void hold(long bytes, int kind, int index, long offset) throws MalformedFrameException {
        held += bytes;
        long over = held - FrameReader.FREE_BYTES_PER_FRAME - reserved;
        if (over > 0) {
            if (!budget.tryReserve(over)) {
                throw new MalformedFrameException(FrameSyntax.name(kind, index, ".value"), offset, "frames still "
                        + "arriving on all connections already hold " + budget.used() + " of the " + budget.capacity()
                        + " bytes allowed (" + budget.name() + "); send it again later");
            }
            reserved += over;
        }
    }

    /** The frame is complete (its values belong to the Frame now) or failed: nothing is pending any more. */
    void release() {
        held = 0;
        if (reserved > 0) {
            budget.release(reserved);
            reserved = 0;
        }
    }

    /**
     * A value of {@code length} bytes of which the {@code have} at buf[from] are buffered, the rest read straight from
     * {@code in}: the array grows (doubling) as they arrive, so what a connection holds follows what it sent, never
     * what its length field declares (a 64 MiB declaration followed by one byte holds
     * {@link FrameReader#FREE_BYTES_PER_FRAME}). Errors give {@code offset} (of the value's start) plus what arrived.
     */
    byte[] readArriving(InputStream in, byte[] buf, int from, int have, int length, int kind, int index, long offset)
            throws IOException {
        int cap = Math.min(length, Math.max(have, FrameReader.FREE_BYTES_PER_FRAME));
        hold(cap, kind, index, offset);
        byte[] out = new byte[cap];
        System.arraycopy(buf, from, out, 0, have);
        int off = have;
        while (off < length) {
            if (off == out.length) {
                int grown = (int) Math.min(length, out.length * 2L);
                hold(grown - out.length, kind, index, offset + off);
                out = java.util.Arrays.copyOf(out, grown);
            }
            int n = in.read(out, off, out.length - off);
            if (n < 0) {
                throw new MalformedFrameException(FrameSyntax.name(kind, index, ".value"), offset + off, "stream ended "
                        + "inside a " + length + "-byte value after " + off + " bytes");
            }
            off += n;
        }
        return out;
    }

    /** Value bytes held by the frame being read. */
    long held() {
        return held;
    }
}
