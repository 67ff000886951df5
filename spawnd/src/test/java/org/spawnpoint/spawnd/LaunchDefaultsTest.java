package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * bin/spawnd holds spawnd's JVM defaults (the memory benchmark runs bin/spawnd itself); the spawnd image cannot read
 * that script, so its JAVA_OPTS repeat them: this keeps the two the same. The same rule for every launcher and image:
 * each launcher in bin/ that starts a JVM has one {@code defaults="..."} line that its runs start from (bin/bw2 for
 * the router, bin/spawnctl, bin/spawnd), and each image that runs one of them repeats that launcher's line.
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

    @Test
    void everyLauncherStartsItsJvmsFromOneDefaultsLine() throws Exception {
        List<String> launchers = new ArrayList<>();
        try (Stream<Path> bin = Files.list(Path.of("../bin"))) {
            for (Path p : bin.sorted().toList()) {
                String text = Files.readString(p).replace("\\\n", " ");
                if (p.getFileName().toString().startsWith("_")
                        || !(text.contains("/_launch") || text.contains("\"${JAVA:-java}\" $"))) {
                    continue; // the shared launcher itself, or a script that runs the others (bin/spawnpoint)
                }
                launchers.add(p.getFileName().toString());
                assertEquals(1, Pattern.compile("(?m)^defaults=\"").matcher(text).results().count(),
                        p + ": one defaults=\"...\" line");
                // A JVM started through bin/_launch (JAVA_OPTS="..." .../_launch), through a launcher's own function
                // (launch "FLAGS" CLASS, bin/spawnctl's one jar) or directly ("${JAVA:-java}" $opts).
                Matcher runs = Pattern.compile("JAVA_OPTS=\"([^\"]*)\"[^\n]*_launch|(?<![\\w/])launch \"([^\"]*)\""
                        + "|\"\\$\\{JAVA:-java\\}\" (\\$\\w+)").matcher(text);
                int n = 0;
                while (runs.find()) {
                    String flags = runs.group(1) != null ? runs.group(1) : runs.group(2) != null ? runs.group(2)
                            : runs.group(3);
                    if (flags.equals("$flags")) {
                        continue; // inside the launch function: its callers are checked
                    }
                    assertTrue(flags.matches(".*\\$\\{?(defaults|opts|[A-Z0-9_]+_JAVA_OPTS:-\\$defaults)\\b.*"),
                            p + ": a JVM started without the defaults: " + runs.group());
                    n++;
                }
                assertTrue(n > 0, p + " starts no JVM from its defaults");
                if (text.contains("opts=\"$defaults\"") || text.contains("$opts")) {
                    assertTrue(text.contains("opts=\"$defaults\""), p + ": $opts must start from $defaults");
                }
            }
        }
        assertEquals(List.of("bench", "bw2", "spawnctl", "spawnd"), launchers);
    }

    @Test
    void everyImageRunsWithItsLaunchersDefaults() throws Exception {
        List<Path> images;
        try (Stream<Path> docker = Files.walk(Path.of("../docker"))) {
            images = docker.filter(p -> p.getFileName().toString().equals("Dockerfile")).sorted().toList();
        }
        for (Path image : images) {
            String text = Files.readString(image).replace("\\\n", " ");
            Path entrypoint = image.resolveSibling("entrypoint.sh");
            if (!text.contains("JAVA_OPTS")
                    && !(Files.exists(entrypoint) && Files.readString(entrypoint).contains("java "))) {
                continue; // an image that runs no JVM of ours (the base image of services)
            }
            String dir = image.getParent().getFileName().toString();
            String launcher = dir.contains("router") || dir.contains("bw2") ? "bw2" : dir;
            Path script = Path.of("../bin").resolve(launcher);
            assertTrue(Files.exists(script), image + ": no launcher bin/" + launcher + " whose flags it should use");
            assertEquals(quoted(script, "(?m)^defaults=\"([^\"]*)\""),
                    quoted(image, "(?m)^ENV JAVA_OPTS=\"([^\"]*)\""), image + " must use bin/" + launcher + "'s defaults");
        }
    }
}
