package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/spawnctl's JVM flags are one set: the start-up flags of a short-lived CLI, used alike by the training run, the
 * archive dump and the real run (a class-data archive is used only under the flags it was dumped with).
 */
class SpawnctlLaunchDefaultsTest {
    private static final Path SCRIPT = Path.of("../bin/spawnctl");

    @Test
    void oneSetOfStartupFlags() throws Exception {
        String text = Files.readString(SCRIPT).replace("\\\n", " ");
        Matcher m = Pattern.compile("(?m)^defaults=\"([^\"]*)\"").matcher(text);
        assertTrue(m.find(), "no defaults=\"...\" line in " + SCRIPT);
        List<String> flags = Arrays.asList(m.group(1).trim().split("\\s+"));
        // G1: on Java 17 the archived heap (the module graph and more) is dumped and mapped only with G1.
        assertTrue(flags.containsAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseG1GC")), flags.toString());
        assertEquals(1, count(text, "(?m)^defaults=\""), "one defaults line");
        // Every java run of the launcher starts from $defaults: the training run, the dump and the real run, all on
        // the one CLI jar (the archive is used only with the class path it was made with).
        Matcher runs = Pattern.compile("launch \"(\\$\\w+)").matcher(text);
        int n = 0;
        while (runs.find()) {
            assertEquals("$defaults", runs.group(1), runs.group());
            n++;
        }
        assertEquals(2, n, "training run and dump");
        assertTrue(text.contains("opts=\"$defaults\""), "the real run's flags start from $defaults");
        assertTrue(text.contains("exec \"${JAVA:-java}\" $opts -cp \"$cli\" org.spawnpoint.spawnctl.SpawnCtl"),
                "the real run: $opts on the CLI jar");
        assertTrue(text.contains("-cp \"$cli\" \"$@\""), "launch: the CLI jar");
    }

    private static int count(String text, String regex) {
        return (int) Pattern.compile(regex).matcher(text).results().count();
    }
}
