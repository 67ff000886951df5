package org.spawnpoint.benchmarks.internal;

/**
 * One pre-encoded publish of a fixed payload size: the load generator writes the same bytes again and again, changing
 * only the send time in the payload's first 8 bytes (and, for BOSSWAVE, the request's sequence number), so that the
 * figures are the broker's and not an encoder's.
 */
public final class PublishTemplate {
    private final byte[] bytes;
    private final int payloadOffset;
    private final int seqNoOffset;

    /**
     * @param seqNoOffset where the 10 decimal digits of a BOSSWAVE header's sequence number start, or -1 if the
     *                    protocol has none
     */
    PublishTemplate(byte[] bytes, int payloadOffset, int seqNoOffset) {
        this.bytes = bytes;
        this.payloadOffset = payloadOffset;
        this.seqNoOffset = seqNoOffset;
    }

    /** The frame as it goes on the wire (shared: stamp and write it from one thread). */
    public byte[] bytes() {
        return bytes;
    }

    public int payloadOffset() {
        return payloadOffset;
    }

    /** Writes {@code nanos} big-endian into the payload's first 8 bytes. */
    public PublishTemplate stamp(long nanos) {
        for (int i = 0; i < 8; i++) {
            bytes[payloadOffset + i] = (byte) (nanos >>> (56 - 8 * i));
        }
        return this;
    }

    /** Sets the BOSSWAVE sequence number (ignored by protocols that have none). */
    public PublishTemplate seqNo(long seq) {
        if (seqNoOffset >= 0) {
            long v = seq;
            for (int i = seqNoOffset + 9; i >= seqNoOffset; i--) {
                bytes[i] = (byte) ('0' + (v % 10));
                v /= 10;
            }
        }
        return this;
    }

    /** Reads the big-endian long at {@code offset} of {@code buf} (a payload's send time). */
    public static long readStamp(byte[] buf, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[offset + i] & 0xFF);
        }
        return v;
    }
}
