package org.spawnpoint.spawnclient.model;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal POSIX ustar writer for regular files and directories, enough for the included-files archive (the
 * project manages no archive library; names up to 255 bytes via the ustar prefix field).
 */
final class TarWriter {
    static final class TooLargeException extends RuntimeException {
        TooLargeException() {
            super(null, null, false, false);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final long maxBytes;
    private int entries;

    TarWriter(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void file(String name, int mode, byte[] content) {
        entries++;
        header(name, mode, content.length, '0');
        out.writeBytes(content);
        pad(content.length);
        check();
    }

    void directory(String name, int mode) {
        entries++;
        header(name.endsWith("/") ? name : name + "/", mode, 0, '5');
        check();
    }

    /** Files and directories written so far. */
    int entries() {
        return entries;
    }

    byte[] finish() {
        out.writeBytes(new byte[1024]);
        return out.toByteArray();
    }

    private void check() {
        if (out.size() > maxBytes) {
            throw new TooLargeException();
        }
    }

    private void pad(long size) {
        int rem = (int) (size % 512);
        if (rem != 0) {
            out.writeBytes(new byte[512 - rem]);
        }
    }

    private void header(String fullName, int mode, long size, char type) {
        byte[] h = new byte[512];
        byte[] nameBytes = fullName.getBytes(StandardCharsets.UTF_8);
        String prefix = "";
        String name = fullName;
        if (nameBytes.length > 100) {
            int cut = splitPoint(fullName);
            prefix = fullName.substring(0, cut);
            name = fullName.substring(cut + 1);
        }
        put(h, 0, 100, name.getBytes(StandardCharsets.UTF_8));
        octal(h, 100, 8, mode);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 0);
        h[156] = (byte) type;
        put(h, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(h, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(h, 345, 155, prefix.getBytes(StandardCharsets.UTF_8));
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte b : h) {
            sum += b & 0xff;
        }
        byte[] chk = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(chk, 0, h, 148, 6);
        h[154] = 0;
        h[155] = ' ';
        out.writeBytes(h);
    }

    /** Where to split a long name into ustar prefix (≤155 bytes) and name (≤100 bytes), at a '/'. */
    private static int splitPoint(String fullName) {
        for (int i = fullName.length() - 1; i > 0; i--) {
            if (fullName.charAt(i) == '/') {
                int prefixLen = fullName.substring(0, i).getBytes(StandardCharsets.UTF_8).length;
                int nameLen = fullName.substring(i + 1).getBytes(StandardCharsets.UTF_8).length;
                if (prefixLen <= 155 && nameLen <= 100 && nameLen > 0) {
                    return i;
                }
            }
        }
        throw new IllegalArgumentException("included path \"" + fullName + "\" is too long for the archive"
                + " (at most 100 bytes per name and 255 bytes in all)");
    }

    private static void put(byte[] h, int off, int len, byte[] v) {
        System.arraycopy(v, 0, h, off, Math.min(len, v.length));
    }

    private static void octal(byte[] h, int off, int len, long v) {
        String s = Long.toOctalString(v);
        String padded = "0".repeat(Math.max(0, len - 1 - s.length())) + s;
        put(h, off, len - 1, padded.getBytes(StandardCharsets.US_ASCII));
        h[off + len - 1] = 0;
    }
}
