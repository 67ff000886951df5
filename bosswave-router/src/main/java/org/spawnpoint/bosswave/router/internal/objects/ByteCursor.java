package org.spawnpoint.bosswave.router.internal.objects;

/** Little-endian reader over a byte array that turns every overrun into an {@link ObjectFormatException}. */
final class ByteCursor {
    private final byte[] data;
    private final String what;
    private int pos;

    ByteCursor(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return data.length - pos;
    }

    byte[] bytes(int n, String field) throws ObjectFormatException {
        need(n, field);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    int u8(String field) throws ObjectFormatException {
        need(1, field);
        return data[pos++] & 255;
    }

    int u16(String field) throws ObjectFormatException {
        need(2, field);
        int v = (data[pos] & 255) | (data[pos + 1] & 255) << 8;
        pos += 2;
        return v;
    }

    long u32(String field) throws ObjectFormatException {
        need(4, field);
        long v = Bytes.getU32(data, pos);
        pos += 4;
        return v;
    }

    long i64(String field) throws ObjectFormatException {
        need(8, field);
        long v = Bytes.getI64(data, pos);
        pos += 8;
        return v;
    }

    private void need(int n, String field) throws ObjectFormatException {
        if (n < 0 || pos + n > data.length) {
            throw new ObjectFormatException(what + ": truncated at " + field + " (byte " + pos + ", needs " + n
                    + " more, " + (data.length - pos) + " left)");
        }
    }
}
