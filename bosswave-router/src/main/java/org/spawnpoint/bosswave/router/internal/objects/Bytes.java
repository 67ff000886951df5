package org.spawnpoint.bosswave.router.internal.objects;

import java.io.ByteArrayOutputStream;

/** Little-endian helpers and a growable output buffer for the bw2 binary formats. */
public final class Bytes {
    private Bytes() {
    }

    public static long getU32(byte[] b, int p) {
        return (b[p] & 255L) | (b[p + 1] & 255L) << 8 | (b[p + 2] & 255L) << 16 | (b[p + 3] & 255L) << 24;
    }

    public static long getI64(byte[] b, int p) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[p + i] & 255);
        }
        return v;
    }

    /** An output buffer with little-endian writers. */
    public static final class Out extends ByteArrayOutputStream {
        public Out() {
            super(256);
        }

        public Out u8(int v) {
            write(v);
            return this;
        }

        public Out u16(int v) {
            write(v);
            write(v >>> 8);
            return this;
        }

        public Out u32(long v) {
            for (int i = 0; i < 4; i++) {
                write((int) (v >>> (8 * i)));
            }
            return this;
        }

        public Out i64(long v) {
            for (int i = 0; i < 8; i++) {
                write((int) (v >>> (8 * i)));
            }
            return this;
        }

        public Out raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        /** The internal buffer (valid up to {@link #size()}), to avoid a copy when signing. */
        public byte[] buffer() {
            return buf;
        }
    }
}
