package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.wire.BuildInfo;
import picocli.CommandLine;

/** {@code bw2 --version} prints the build's version, as spawnd and spawnctl do. */
class RouterMainVersionTest {
    @Test
    void versionIsTheBuilds() {
        StringWriter out = new StringWriter();
        CommandLine cl = RouterMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        assertEquals(0, cl.execute("--version"));
        assertEquals("bw2 " + BuildInfo.version() + " (Spawnpoint for the JVM)\n", out.toString());
    }
}
