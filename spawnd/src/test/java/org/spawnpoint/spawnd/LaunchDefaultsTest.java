package org.spawnpoint.spawnd;

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
 * bin/spawnd holds spawnd's JVM defaults (the memory benchmark runs bin/spawnd itself); the spawnd image cannot read
 * that script, so its JAVA_OPTS repeat them: this keeps the two the same.
 */
class LaunchDefaultsTest {
    private static List<String> quoted(Path file, String regex) throws Exception {
        String text = Files.readString(file).replace("\\\n", " ");
        Matcher m = Pattern.compile(regex).matcher(text);
        assertTrue(m.find(), regex + " not found in " + file);
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    @Test
    void theSpawndImageRunsWithBinSpawndsDefaults() throws Exception {
        List<String> script = quoted(Path.of("../bin/spawnd"), "(?m)^defaults=\"([^\"]*)\"");
        List<String> image = quoted(Path.of("../docker/spawnd/Dockerfile"), "(?m)^ENV JAVA_OPTS=\"([^\"]*)\"");
        assertTrue(script.contains("-XX:+UseSerialGC"), script.toString());
        assertEquals(script, image, "docker/spawnd/Dockerfile's JAVA_OPTS must be bin/spawnd's defaults");
    }
}
