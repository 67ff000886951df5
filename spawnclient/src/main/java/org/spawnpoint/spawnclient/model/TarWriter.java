package org.spawnpoint.spawnclient.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The included-files archive, written in memory by commons-compress: ustar headers, a PAX {@code path} record for a
 * name longer than 100 bytes or not in ASCII (what GNU tar, Go's archive/tar and spawnd read). Every entry has owner
 * 0:0, no owner names and time 0, so the same files give the same bytes; only the permission bits vary.
 */
final class TarWriter {
    static final class TooLargeException extends RuntimeException {
        TooLargeException() {
            super(null, null, false, false);
        }
    }

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar;
    private final long maxBytes;
    private int entries;

    TarWriter(long maxBytes) {
        this.maxBytes = maxBytes;
        // 512-byte blocks: the archive ends with its two zero records, not padded to 10 KiB (the default block).
        this.tar = new TarArchiveOutputStream(out, TarConstants.DEFAULT_RCDSIZE, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setAddPaxHeadersForNonAsciiNames(true);
    }

    void file(String name, int mode, byte[] content) {
        TarArchiveEntry entry = entry(name, mode);
        entry.setSize(content.length);
        put(entry, content);
    }

    void directory(String name, int mode) {
        put(entry(name.endsWith("/") ? name : name + "/", mode), null);
    }

    /** Files and directories written so far. */
    int entries() {
        return entries;
    }

    /** The archive with its end-of-archive blocks. */
    byte[] finish() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish an in-memory tar", e);
        }
        return out.toByteArray();
    }

    private static TarArchiveEntry entry(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(mode & 07777);
        entry.setIds(0, 0);
        // The constructor would record the local user's name: it is nobody's business in a container.
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(0);
        return entry;
    }

    private void put(TarArchiveEntry entry, byte[] content) {
        entries++;
        try {
            tar.putArchiveEntry(entry);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an in-memory tar", e);
        }
        if (out.size() > maxBytes) {
            throw new TooLargeException();
        }
    }
}
