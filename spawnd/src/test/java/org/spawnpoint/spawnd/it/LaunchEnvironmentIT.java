package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/_launch gives {@code JAVA_OPTS} to the JVM it starts and to nothing that JVM starts: bin/bench's harness ran
 * {@code bw2 init} with its own {@code -XX:+UseParallelGC} next to bw2's {@code -XX:+UseSerialGC} ("Multiple garbage
 * collectors selected"). An IT because _launch needs spawnd's packaged jar and target/lib; {@code JAVA} stands in for
 * java and reports what it was given.
 */
class LaunchEnvironmentIT {
    @Test
    void javaOptsReachTheJvmButNotWhatItStarts(@TempDir Path dir) throws Exception {
        Path fakeJava = dir.resolve("java");
        Path report = dir.resolve("report");
        Files.writeString(fakeJava, "#!/usr/bin/env bash\n"
                + "{ echo \"args: $*\"; echo \"JAVA_OPTS=${JAVA_OPTS-<unset>}\"; } > '" + report + "'\n");
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder pb = new ProcessBuilder("bash", "../bin/_launch", "spawnd", "org.example.Main", "run")
                .redirectErrorStream(true);
        pb.environment().put("JAVA", fakeJava.toString());
        pb.environment().put("JAVA_OPTS", "-Xmx64m -Dmarker=one");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "bin/_launch did not finish");
        assertEquals(0, p.exitValue(), out);
        List<String> lines = Files.readAllLines(report);
        assertTrue(lines.get(0).startsWith("args: -Xmx64m -Dmarker=one -cp "), lines.get(0));
        assertTrue(lines.get(0).endsWith(" org.example.Main run"), lines.get(0));
        assertEquals("JAVA_OPTS=<unset>", lines.get(1));
    }
}
