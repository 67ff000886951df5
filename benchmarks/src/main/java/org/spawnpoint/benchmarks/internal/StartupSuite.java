package org.spawnpoint.benchmarks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cold start of {@code bin/spawnctl} as a user sees it (whole processes, wall time; `spawnctl/bench.sh detail` has the
 * finer breakdown): {@code spawnctl --version}, and {@code spawnctl scan} against our router with no spawnpoint, next to
 * the JVM's own floor ({@code java -version} with spawnctl's start-up flags). Interleaved, one of each per round, after
 * one unmeasured round that also makes spawnctl's class-data archive.
 */
final class StartupSuite {
    private StartupSuite() {
    }

    /**
     * The JVM flags of a launcher's {@code defaults="..."} line, so that the floor starts the JVM as spawnctl does (it
     * used the serial collector while spawnctl uses G1: 52 against 38 ms for {@code java -version} on this machine).
     */
    static List<String> launcherDefaults(Path launcher) throws java.io.IOException {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^defaults=\"([^\"]*)\"")
                .matcher(Files.readString(launcher));
        if (!m.find()) {
            throw new IllegalStateException(launcher + " has no defaults=\"...\" line with its JVM flags");
        }
        return List.of(m.group(1).trim().split("\\s+"));
    }

    static List<Row> run(Path root, Path work, boolean quick) throws Exception {
        int rounds = quick ? 5 : 21;
        Path dir = Files.createDirectories(work.resolve("startup"));
        try (Broker router = OurRouter.create(root, dir).start()) {
            String spawnctl = root.resolve("bin/spawnctl").toString();
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Map<String, List<String>> commands = new java.util.LinkedHashMap<>();
            commands.put("version", List.of(spawnctl, "--version"));
            commands.put("scan", List.of(spawnctl, "-r", "127.0.0.1:" + router.port(), "-e",
                    OurRouter.keys(dir).resolve("user.key").toString(), "scan", OurRouter.NAMESPACE + "/spawnpoint"));
            List<String> floor = new ArrayList<>(List.of(java));
            floor.addAll(launcherDefaults(root.resolve("bin/spawnctl")));
            floor.add("-version");
            commands.put("floor", floor);
            Series version = new Series(List.of("spawnctl", "JVM floor"));
            Series scan = new Series(List.of("spawnctl", "JVM floor"));
            for (int r = 0; r <= rounds; r++) {
                double v = Timed.run(commands.get("version"), Map.of(), 120).millis();
                double s = Timed.run(commands.get("scan"), Map.of(), 120).millis();
                double f = Timed.run(commands.get("floor"), Map.of(), 60).millis();
                if (r > 0) { // round 0 warms the page cache and makes the class-data archive
                    version.add("spawnctl", v);
                    scan.add("spawnctl", s);
                    version.add("JVM floor", f);
                    scan.add("JVM floor", f);
                }
            }
            List<Row> rows = new ArrayList<>();
            rows.add(version.row("startup", "`spawnctl --version` cold", "ms")
                    .withNote("peer: java -version with spawnctl's flags; Go spawnctl 0.2: 7 ms, quoted from "
                            + "issue 14, not measured (cannot be built here)"));
            rows.add(scan.row("startup", "`spawnctl scan` cold, no spawnpoint", "ms")
                    .withNote("against our router, entity set, one query; Go spawnctl 0.2: 14 ms, quoted "
                            + "from issue 14, not measured"));
            RouterSuite.log("spawnctl --version %s ms, scan %s ms", Tables.summary(version.stats("spawnctl")),
                    Tables.summary(scan.stats("spawnctl")));
            return rows;
        }
    }
}
