package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion script and man pages the build writes cover every command and option. */
class CliDocsTest {
    @TempDir
    Path target;

    @Test
    void completionAndManPagesNameEveryCommand() throws Exception {
        CliDocs.main(new String[] {target.toString()});
        String completion = Files.readString(target.resolve("completion/spawnctl"));
        for (String c : SpawnCtl.COMMANDS) {
            assertTrue(completion.contains(c), "completion of " + c);
            String page = Files.readString(target.resolve("man/spawnctl-" + c + ".adoc"));
            assertTrue(page.contains("= spawnctl-" + c + "(1)"), page);
        }
        assertTrue(completion.contains("--no-tail") && completion.contains("--wait"), "options of deploy");
        assertTrue(completion.contains("--where") && completion.contains("--since"), "placement and tail --since");
        assertTrue(Files.readString(target.resolve("man/spawnctl.adoc")).contains("Control and Monitor Spawnpoints"));
    }
}
