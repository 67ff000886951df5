package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ImageSpec;

/** Tar archives built in memory: image build contexts and the files copied into containers. Nothing touches disk. */
final class TarArchives {
    private TarArchives() {
    }

    /**
     * The build context of {@code spec}: its {@code Dockerfile} and the included files under
     * {@link ImageSpec#BUILD_CONTEXT_FILES_DIR}.
     */
    static byte[] buildContext(ImageSpec spec) {
        Map<String, ContainerFile> entries = new LinkedHashMap<>();
        entries.put("Dockerfile", ContainerFile.of("Dockerfile", spec.dockerfile().getBytes(StandardCharsets.UTF_8)));
        for (ContainerFile f : spec.files()) {
            String name = ImageSpec.BUILD_CONTEXT_FILES_DIR + f.absolutePath("");
            entries.put(name, f);
        }
        return tar(entries);
    }

    /** {@code files} at their absolute paths (for a working directory {@code workingDir}), to extract at "/". */
    static byte[] containerFiles(List<ContainerFile> files, String workingDir) {
        Map<String, ContainerFile> entries = new LinkedHashMap<>();
        for (ContainerFile f : files) {
            // Later files with the same path win, as they would on disk.
            entries.put(f.absolutePath(workingDir).substring(1), f);
        }
        return tar(entries);
    }

    private static byte[] tar(Map<String, ContainerFile> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, ContainerFile> e : entries.entrySet()) {
                byte[] content = e.getValue().content();
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(content.length);
                entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | e.getValue().mode());
                entry.setIds(0, 0);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write an in-memory tar", e);
        }
        return bytes.toByteArray();
    }
}
