package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker/build-images.sh leaves nothing in TMPDIR and, run again on the same jars, keeps the image it made: the jars
 * are reproducible, so their digest (a label on the image) only changes with the sources.
 */
class BuildImagesScriptIT {
    @TempDir
    Path tmp;

    private String run(String... targets) throws Exception {
        Path root = SpawndImageIT.repositoryRoot();
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("docker/build-images.sh").toString()));
        cmd.addAll(List.of(targets));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile()).redirectErrorStream(true);
        pb.environment().put("TMPDIR", tmp.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        try (Stream<Path> left = Files.list(tmp)) {
            assertEquals(List.of(), left.toList(), "build-images.sh left this behind; its output:\n" + out);
        }
        return out;
    }

    @Test
    void aSecondRunOnTheSameJarsKeepsTheImageAndNothingIsLeftBehind() throws Exception {
        run("debian", "base");
        String again = run("debian", "base");
        assertTrue(again.contains("spawnpoint/debian:bookworm present"), again);
        assertTrue(again.contains("spawnpoint/base:latest present (spawnable jars: "), again);
        assertTrue(!again.contains("building"), again);
    }
}
