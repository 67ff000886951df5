package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ImageSpec;

class TarArchivesTest {

    @Test
    void containerFilesLandAtAbsolutePathsWithTheirModes() throws IOException {
        byte[] tar = TarArchives.containerFiles(List.of(
                ContainerFile.entity("ENTITY".getBytes(StandardCharsets.UTF_8)),
                ContainerFile.of("conf/params.yml", "x: 1".getBytes(StandardCharsets.UTF_8)),
                new ContainerFile("run.sh", "#!/bin/sh".getBytes(StandardCharsets.UTF_8), 0755)), "/srv/spawnpoint");
        Map<String, String> entries = read(tar);
        assertEquals(Map.of(
                "srv/spawnpoint/entity.key", "400:0:ENTITY",
                "srv/spawnpoint/conf/params.yml", "644:0:x: 1",
                "srv/spawnpoint/run.sh", "755:0:#!/bin/sh"), entries);
    }

    @Test
    void buildContextHoldsTheDockerfileAndIncludedFilesOnly() throws IOException {
        ImageSpec spec = new ImageSpec("spawnpoint/base:latest", null, null, List.of("ls"),
                List.of(ContainerFile.of("dir/a.txt", "A".getBytes(StandardCharsets.UTF_8))), null);
        Map<String, String> entries = read(TarArchives.buildContext(spec));
        assertEquals(List.of("Dockerfile", "included/dir/a.txt"), List.copyOf(entries.keySet()));
        assertEquals("644:0:" + spec.dockerfile(), entries.get("Dockerfile"));
    }

    private static Map<String, String> read(byte[] tar) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), Integer.toOctalString(e.getMode() & 07777) + ":" + e.getLongUserId() + ":"
                        + new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
