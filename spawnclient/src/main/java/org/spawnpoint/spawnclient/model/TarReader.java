package org.spawnpoint.spawnclient.model;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Reads the included-files tar as the original client (Go archive/tar), GNU tar and ours write it, through
 * commons-compress (ustar, GNU long names, PAX records). Only files and directories are accepted, and every name must
 * stay inside the working directory: links, devices, absolute names and {@code ..} are refused.
 */
final class TarReader {
    private TarReader() {
    }

    static List<IncludedFiles.Entry> read(byte[] tar) {
        checkHeaders(tar);
        List<IncludedFiles.Entry> out = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar),
                StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte type = e.getLinkFlag();
                boolean dir = type == TarConstants.LF_DIR;
                if (!dir && type != TarConstants.LF_NORMAL && type != TarConstants.LF_OLDNORM
                        && type != TarConstants.LF_CONTIG) {
                    throw bad("entry \"" + e.getName() + "\" has type '" + (char) type
                            + "'; only files and directories may be included");
                }
                dir |= e.getName().endsWith("/");
                String name = checkName(e.getName());
                if (name.isEmpty()) {
                    continue;
                }
                // The size is bounded by the array's: commons-compress stops at its end.
                byte[] content = dir ? new byte[0] : in.readAllBytes();
                if (!dir && content.length != e.getSize()) {
                    throw bad("entry \"" + name + "\" claims " + e.getSize() + " bytes, past the end of the archive");
                }
                out.add(new IncludedFiles.Entry(name, dir, e.getMode() & 07777, content));
            }
        } catch (IOException | IllegalArgumentException e) {
            throw bad("the archive is malformed: " + e.getMessage());
        }
        return out;
    }

    /**
     * commons-compress 1.27 does not verify header checksums when reading (only when sniffing a format), so a
     * damaged archive would be unpacked as garbage names and sizes: each header's checksum is checked first.
     */
    private static void checkHeaders(byte[] tar) {
        int pos = 0;
        while (pos + TarConstants.DEFAULT_RCDSIZE <= tar.length) {
            byte[] h = Arrays.copyOfRange(tar, pos, pos + TarConstants.DEFAULT_RCDSIZE);
            if (allZero(h)) {
                return;
            }
            if (!TarUtils.verifyCheckSum(h)) {
                throw bad("header at byte " + pos + " has a wrong checksum");
            }
            long size;
            try {
                size = TarUtils.parseOctalOrBinary(h, TarConstants.NAMELEN + TarConstants.MODELEN
                        + TarConstants.UIDLEN + TarConstants.GIDLEN, TarConstants.SIZELEN);
            } catch (IllegalArgumentException e) {
                throw bad("header at byte " + pos + " has a malformed size: " + e.getMessage());
            }
            if (size < 0 || size > tar.length - pos - TarConstants.DEFAULT_RCDSIZE) {
                throw bad("entry at byte " + pos + " claims " + size + " bytes, past the end of the archive");
            }
            pos += TarConstants.DEFAULT_RCDSIZE + (int) ((size + 511) / 512 * 512);
        }
    }

    private static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
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

    private static PayloadFormatException bad(String why) {
        return new PayloadFormatException("included files: " + why);
    }
}
