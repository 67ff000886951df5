package org.spawnpoint.benchmarks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Runs the chosen suites one after the other and writes what they measured, even when one of them fails. */
public final class Suites {
    /** Every suite, in the order they run. */
    public static final List<String> ALL = List.of("router", "startup", "deploy", "drills", "cluster");
    /**
     * What runs without {@code --only}: all but {@code cluster}, which takes about a minute more, starts its own NATS
     * cluster and needs root for its network namespaces.
     */
    public static final List<String> DEFAULT = List.of("router", "startup", "deploy", "drills");

    /**
     * What a run produced.
     *
     * @param rows     every row measured
     * @param failures each failed suite with its error
     * @param markdown the table as printed
     */
    public record Outcome(List<Row> rows, List<String> failures, String markdown) {
    }

    private Suites() {
    }

    /** The suites named (all when none); fails naming the known ones on an unknown name. */
    public static Set<String> select(List<String> names) {
        if (names.isEmpty()) {
            return new LinkedHashSet<>(DEFAULT);
        }
        Set<String> s = new LinkedHashSet<>();
        for (String n : names) {
            if (!ALL.contains(n.trim())) {
                throw new IllegalArgumentException("--only " + n + ": expected some of " + ALL);
            }
            s.add(n.trim());
        }
        return s;
    }

    /** The repository holding {@code bin/bw2}, at or above {@code from}. */
    public static Path findRoot(Path from) {
        for (Path d = from; d != null; d = d.getParent()) {
            if (Files.isExecutable(d.resolve("bin/bw2")) && Files.isDirectory(d.resolve("benchmarks"))) {
                return d;
            }
        }
        throw new IllegalStateException("no repository (bin/bw2 and benchmarks/) at or above " + from
                + "; pass --root");
    }

    /** Runs {@code suites} and writes results.md and results.csv to {@code out}. */
    public static Outcome run(Path root, Path out, Set<String> suites, boolean quick) throws Exception {
        List<Row> rows = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        Path work = Files.createTempDirectory("spawnpoint-bench");
        for (String s : ALL) {
            if (!suites.contains(s)) {
                continue;
            }
            RouterSuite.log("suite %s", s);
            long t0 = System.nanoTime();
            try {
                rows.addAll(switch (s) {
                    case "router" -> router(root, work, out, quick);
                    case "startup" -> StartupSuite.run(root, work, quick);
                    case "deploy" -> DeploySuite.run(root, work, quick);
                    case "drills" -> Drills.run(root, work, quick);
                    case "cluster" -> ClusterSuite.run(root, work, quick);
                    default -> throw new IllegalStateException(s);
                });
            } catch (Exception | AssertionError e) {
                e.printStackTrace();
                failures.add(s + ": " + e);
                rows.add(Row.drill(s + " suite", "FAILED: " + e));
            }
            RouterSuite.log("suite %s took %.0f s", s, (System.nanoTime() - t0) / 1e9);
        }
        if (failures.isEmpty()) {
            deleteTree(work);
        } else {
            RouterSuite.log("kept the logs, keys and data of this run in %s", work);
        }
        String md = Tables.markdown(rows);
        Files.writeString(out.resolve("results.md"), md);
        Files.writeString(out.resolve("results.csv"), Tables.csv(rows));
        return new Outcome(rows, failures, md);
    }

    /** Deletes a run's working directory (broker logs, keys, router data, spawnd state). */
    private static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static List<Row> router(Path root, Path work, Path out, boolean quick) throws Exception {
        Broker ours = OurRouter.create(root, Files.createDirectories(work.resolve("router")));
        try (Broker router = ours.start(); Broker mosquitto = Peers.mosquitto(work).start();
             Broker nats = Peers.nats(work).start()) {
            return RouterSuite.run(List.of(router, mosquitto, nats),
                    quick ? RouterSuite.Plan.QUICK : RouterSuite.Plan.FULL, out);
        }
    }
}
