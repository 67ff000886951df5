package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.wire.BuildInfo;
import picocli.CommandLine;

/** What spawnd's command line tells a user before anything starts. */
class SpawndMainTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = SpawndMain.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void aMissingConfigFileNamesTheFlagNotAJavaException() {
        Path missing = dir.resolve("config.yml");
        assertEquals(SpawndMain.CONFIG_ERROR, run("run", "-c", missing.toString()));
        assertEquals("No daemon config file at " + missing + ": name one with -c/--config FILE (its keys are in"
                + " README.md, \"A spawnpoint\")\n", err.toString());
        assertEquals(SpawndMain.CONFIG_ERROR, run("decommission", "-c", missing.toString()));
    }

    @Test
    void versionIsTheBuilds() {
        assertEquals(0, run("--version"));
        assertEquals("spawnd " + BuildInfo.version() + " (Spawnpoint for the JVM; speaks Spawnpoint 0.2)\n", out.toString());
    }
}
