package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --only cluster} (issue 15): routers joined over a 3-node NATS JetStream cluster next to a single router, and
 * the network-namespace drill ({@link NetnsDrill}). The figures come from bosswave-router's ClusterBenchmark, run as
 * it is (its own nats-server nodes and in-process routers on loopback, permissions enforced, rounds interleaved), so
 * that there is one copy of that logic; this suite reads its {@code result} lines. Not in the default run: it takes
 * about a minute and the drill needs root.
 */
final class ClusterSuite {
    /** The configurations ClusterBenchmark measures, as it names them; the first is the one shown as "ours". */
    static final String ACROSS = "clustered, A -> B";

    private ClusterSuite() {
    }

    static List<Row> run(Path root, Path work, boolean quick) throws Exception {
        List<Row> rows = new ArrayList<>(benchmark(root, work, quick ? 5_000 : 20_000, quick ? 3 : 5));
        rows.add(NetnsDrill.run(root, Files.createDirectories(work.resolve("drill-netns")), quick));
        return rows;
    }

    /** Runs ClusterBenchmark ({@code n} messages a throughput round, {@code rounds} rounds); its rows. */
    static List<Row> benchmark(Path root, Path work, int n, int rounds) throws IOException, InterruptedException {
        Path r = root.resolve("bosswave-router/target");
        if (!Files.isDirectory(r.resolve("test-classes")) || !Files.isDirectory(r.resolve("lib"))) {
            throw new IllegalStateException("bosswave-router's test classes are not built: run mvn -B -q -DskipTests "
                    + "package (bin/bench does when something changed)");
        }
        // the client is a test dependency of the router: not in its target/lib
        Path client = root.resolve("bosswave-client/target");
        String cp = r.resolve("test-classes") + ":" + r.resolve("classes") + ":" + r.resolve("lib") + "/*:"
                + client.resolve("classes") + ":" + client.resolve("lib") + "/*";
        Path log = work.resolve("cluster-benchmark.log");
        Process p = Reaper.watch(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cp, "org.spawnpoint.bosswave.router.ClusterBenchmark", Integer.toString(n),
                Integer.toString(rounds)).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException("ClusterBenchmark did not finish within 10 minutes; its output: " + log);
        }
        String out = Files.readString(log);
        if (p.exitValue() != 0) {
            throw new IOException("ClusterBenchmark failed (exit " + p.exitValue() + "): " + tail(out));
        }
        return rows(out);
    }

    /**
     * The rows of ClusterBenchmark's output: throughput and latency p50 / p99 across routers, with the single router
     * and a clustered router's own subscribers beside it. Fails naming what is missing.
     */
    static List<Row> rows(String output) {
        Map<String, double[][]> byName = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (!line.startsWith("result\t")) {
                continue;
            }
            String[] f = line.strip().split("\t");
            if (f.length != 5) {
                throw new IllegalArgumentException("a result line with " + f.length + " fields (5 expected): " + line);
            }
            byName.put(f[1], new double[][] {numbers(f[2]), numbers(f[3]), numbers(f[4])});
        }
        if (!byName.containsKey(ACROSS)) {
            throw new IllegalArgumentException("no '" + ACROSS + "' result in ClusterBenchmark's output: " + tail(output));
        }
        String[][] figures = {{"cluster: 1→1 pipelined, 100 B", "msg/s"}, {"cluster: publish→delivery p50", "µs"},
                {"cluster: publish→delivery p99", "µs"}};
        List<Row> rows = new ArrayList<>();
        for (int k = 0; k < figures.length; k++) {
            Map<String, Stats> peers = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : byName.entrySet()) {
                if (!e.getKey().equals(ACROSS)) {
                    peers.put(e.getKey(), Stats.of(e.getValue()[k]));
                }
            }
            rows.add(Row.measured("cluster", figures[k][0], figures[k][1], Stats.of(byName.get(ACROSS)[k]), peers)
                    .withNote("ours: router A → router B over a 3-node NATS cluster; peers: "
                            + String.join(", ", peers.keySet())));
        }
        return rows;
    }

    private static double[] numbers(String csv) {
        String[] parts = csv.split(",");
        double[] d = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                d[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a number in a result line: '" + parts[i] + "'", e);
            }
        }
        return d;
    }

    private static String tail(String s) {
        return s.length() <= 2000 ? s : "..." + s.substring(s.length() - 2000);
    }
}
