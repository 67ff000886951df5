package org.spawnpoint.spawnclient.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the included-files tar as the original client (Go archive/tar) and ours write it: ustar and GNU headers,
 * PAX {@code path} records and GNU long names. Only files and directories are accepted, and every name must stay
 * inside the working directory: links, absolute names and {@code ..} are refused.
 */
final class TarReader {
    private TarReader() {
    }

    static List<IncludedFiles.Entry> read(byte[] tar) {
        List<IncludedFiles.Entry> out = new ArrayList<>();
        int pos = 0;
        String longName = null;
        while (pos + 512 <= tar.length) {
            byte[] h = Arrays.copyOfRange(tar, pos, pos + 512);
            if (allZero(h)) {
                return out;
            }
            checkChecksum(h, pos);
            long size = octal(h, 124, 12, pos);
            char type = (char) h[156];
            int dataStart = pos + 512;
            if (size < 0 || dataStart + size > tar.length) {
                throw bad("entry at byte " + pos + " claims " + size + " bytes, past the end of the archive");
            }
            byte[] data = Arrays.copyOfRange(tar, dataStart, (int) (dataStart + size));
            pos = dataStart + (int) ((size + 511) / 512 * 512);
            switch (type) {
                case 'L' -> longName = cString(data);
                case 'x' -> longName = paxPath(data, longName);
                case 'g' -> {
                    // Global PAX headers carry nothing we use.
                }
                case '0', '\0', '7', '5' -> {
                    String name = longName != null ? longName : headerName(h);
                    longName = null;
                    boolean dir = type == '5' || name.endsWith("/");
                    name = checkName(name);
                    if (name.isEmpty()) {
                        continue;
                    }
                    int mode = (int) (octal(h, 100, 8, pos) & 07777);
                    out.add(new IncludedFiles.Entry(name, dir, mode, dir ? new byte[0] : data));
                }
                default -> throw bad("entry \"" + headerName(h) + "\" has type '" + type
                        + "'; only files and directories may be included");
            }
        }
        if (pos != tar.length && !allZero(Arrays.copyOfRange(tar, pos, tar.length))) {
            throw bad("archive ends in the middle of a header");
        }
        return out;
    }

    private static String checkName(String raw) {
        String name = raw;
        while (name.startsWith("./")) {
            name = name.substring(2);
        }
        while (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.equals(".")) {
            return "";
        }
        if (name.startsWith("/") || name.contains("\0") || name.contains("\\")) {
            throw bad("entry \"" + raw + "\" has an absolute or unsafe name");
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw bad("entry \"" + raw + "\" escapes the working directory");
            }
        }
        return name;
    }

    private static String headerName(byte[] h) {
        String name = cString(Arrays.copyOfRange(h, 0, 100));
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(Arrays.copyOfRange(h, 345, 500)) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static String paxPath(byte[] data, String current) {
        String text = new String(data, StandardCharsets.UTF_8);
        int i = 0;
        String path = current;
        while (i < text.length()) {
            int space = text.indexOf(' ', i);
            if (space < 0) {
                break;
            }
            int len;
            try {
                len = Integer.parseInt(text.substring(i, space));
            } catch (NumberFormatException e) {
                throw bad("malformed PAX header record");
            }
            if (len <= 0 || i + len > text.length()) {
                throw bad("malformed PAX header record");
            }
            String rec = text.substring(space + 1, i + len - 1);
            if (rec.startsWith("path=")) {
                path = rec.substring(5);
            }
            i += len;
        }
        return path;
    }

    private static void checkChecksum(byte[] h, int pos) {
        long want = octal(h, 148, 8, pos);
        long sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
        }
        if (sum != want) {
            throw bad("header at byte " + pos + " has a wrong checksum");
        }
    }

    private static long octal(byte[] h, int off, int len, int pos) {
        if ((h[off] & 0x80) != 0) {
            // GNU base-256 for large numbers.
            long v = h[off] & 0x7f;
            for (int i = off + 1; i < off + len; i++) {
                v = (v << 8) | (h[i] & 0xff);
            }
            return v;
        }
        String s = new String(h, off, len, StandardCharsets.US_ASCII).replace("\0", " ").trim();
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw bad("header at byte " + pos + " has a malformed number \"" + s + "\"");
        }
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    private static PayloadFormatException bad(String why) {
        return new PayloadFormatException("included files: " + why);
    }
}
