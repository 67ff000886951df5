package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * bin/bw2 holds the router's JVM defaults (the ITs that fork a router and the memory benchmark use them through
 * {@link RouterProcess}); the router README quotes them and any router image must repeat them: one set. The heap
 * maximum must hold the frames still arriving (maxPendingFrameBytes) plus two of the largest frames being handled.
 */
class RouterLaunchDefaultsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void binBw2DefaultsAreBoundedAndQuotedEverywhere() throws Exception {
        List<String> flags = RouterProcess.launchDefaults();
        assertTrue(flags.contains("-XX:+UseSerialGC"), flags.toString());
        long xmx = flags.stream().filter(f -> f.startsWith("-Xmx")).mapToLong(RouterLaunchDefaultsTest::bytes)
                .findFirst().orElseThrow(() -> new AssertionError("no -Xmx in " + flags));
        RouterConfig defaults = RouterConfig.builder().build();
        long needed = defaults.maxPendingFrameBytes() + 2L * defaults.maxFrameBytes();
        assertTrue(xmx >= needed + (64L << 20), "-Xmx" + xmx + " leaves no room beyond " + needed
                + " bytes of frames (maxPendingFrameBytes + 2 x maxFrameBytes)");

        String readme = Files.readString(ROOT.resolve("bosswave-router/README.md"));
        assertTrue(readme.contains(String.join(" ", flags)),
                "bosswave-router/README.md must quote bin/bw2's defaults: " + String.join(" ", flags));

        List<Path> images = new ArrayList<>();
        if (Files.isDirectory(ROOT.resolve("docker"))) {
            try (Stream<Path> s = Files.walk(ROOT.resolve("docker"))) {
                s.filter(p -> p.getFileName().toString().equals("Dockerfile"))
                        .filter(p -> p.toString().contains("router") || p.toString().contains("bw2")).forEach(images::add);
            }
        }
        for (Path image : images) {
            String text = Files.readString(image).replace("\\\n", " ");
            Matcher m = Pattern.compile("(?m)^ENV JAVA_OPTS=\"([^\"]*)\"").matcher(text);
            assertTrue(m.find(), "no ENV JAVA_OPTS in " + image);
            assertEquals(flags, Arrays.asList(m.group(1).trim().split("\\s+")), image + " must use bin/bw2's defaults");
        }
    }

    private static long bytes(String xmx) {
        String v = xmx.substring(4).toLowerCase();
        long unit = v.endsWith("g") ? 1L << 30 : v.endsWith("m") ? 1L << 20 : v.endsWith("k") ? 1L << 10 : 1;
        return Long.parseLong(unit == 1 ? v : v.substring(0, v.length() - 1)) * unit;
    }
}
