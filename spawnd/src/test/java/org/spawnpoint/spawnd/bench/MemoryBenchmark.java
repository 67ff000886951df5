package org.spawnpoint.spawnd.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * spawnd's resident memory with 0, 10 and 50 small services. spawnd runs as its own JVM, started by
 * {@code bin/spawnd} with its defaults ({@link SpawndProcess}); the router and the deploying client run in this JVM, so they are not counted.
 * Each service is {@code sleep 3600} in the cached Debian image with 8 MiB and 2 CPU shares. After each step the
 * daemon settles (several heartbeat periods, so the per-service stats sampling and log following are in the figure)
 * while {@code VmRSS} of {@code /proc/<pid>/status} is sampled every second.
 *
 * <p>Usage: {@code MemoryBenchmark [counts=0,10,50] [settleSeconds=30] [--nmt]}; {@code spawnd/bench.sh nmt} runs it
 * with {@code --nmt} (the RSS figures alone are {@code bin/bench --only deploy}'s). {@code --nmt} adds
 * {@code -XX:NativeMemoryTracking=summary} and prints the NMT summary and the threads by name at each step (NMT costs
 * some memory itself, so take RSS figures from a run without it). To try other JVM flags instead of bin/spawnd's
 * defaults: system property {@code spawnd.bench.jvmFlags}; the environment (e.g. {@code MALLOC_ARENA_MAX}) is
 * passed on to bin/spawnd.
 */
public final class MemoryBenchmark {
    private static final String RUN = "[sleep, '3600']";

    private MemoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean nmt = Arrays.asList(args).contains("--nmt");
        int[] counts = Arrays.stream((positional.size() > 0 ? positional.get(0) : "0,10,50").split(","))
                .mapToInt(Integer::parseInt).sorted().toArray();
        int settleSeconds = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 30;

        Path dir = Files.createTempDirectory("spawnd-bench-memory");
        String instance = BenchSpawnpoint.instanceId("memory");
        SpawndProcess[] daemon = new SpawndProcess[1];
        Runnable cleanup = new Runnable() {
            private boolean done;

            @Override
            public synchronized void run() {
                if (done) {
                    return;
                }
                done = true;
                try {
                    if (daemon[0] != null) {
                        daemon[0].close();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                int n = BenchSpawnpoint.removeContainers(instance);
                System.err.println("cleanup: removed " + n + " containers labelled " + Labels.INSTANCE + "="
                        + instance);
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "bench-cleanup"));

        List<String> flags = nmt ? List.of("-XX:NativeMemoryTracking=summary") : List.of();
        List<String> table = new ArrayList<>();
        // spawnd stops (cleanup) before the router closes, so that it never publishes into a closed router.
        try (BenchSpawnpoint sp = BenchSpawnpoint.start(dir, "memory")) {
            try {
                Files.createDirectories(sp.stateDir());
                Files.writeString(sp.stateDir().resolve("instance-id"), instance + "\n");
                Path config = sp.writeConfig("2G", 4096);
                daemon[0] = SpawndProcess.start(config, flags, Map.of(), dir.resolve("spawnd.log"));
                SpawndProcess p = daemon[0];
                sp.connectUser();
                System.out.println("spawnd pid " + p.pid() + " (bin/spawnd), " + p.describe());
                int deployed = 0;
                long idleRss = -1;
                long previousRss = -1;
                int previousCount = 0;
                for (int target : counts) {
                    long t0 = System.currentTimeMillis();
                    List<String> names = new ArrayList<>();
                    for (; deployed < target; deployed++) {
                        String name = "mem-" + (deployed + 1);
                        names.add(name);
                        sp.deploy(sp.serviceConfig(name, RUN, "8M", 2));
                    }
                    for (String name : names) {
                        sp.awaitLog(name, "[SUCCESS] Container (re)start successful"::equals, "start success", 300_000);
                    }
                    long deployMillis = System.currentTimeMillis() - t0;
                    sp.clearLog();
                    long max = 0;
                    long sum = 0;
                    for (int s = 0; s < settleSeconds; s++) {
                        Thread.sleep(1000);
                        long rss = p.procStatus("VmRSS");
                        max = Math.max(max, rss);
                        sum += rss;
                    }
                    long rss = p.procStatus("VmRSS");
                    if (target == 0 || idleRss < 0) {
                        idleRss = rss;
                    }
                    String perService = target == 0 ? "" : String.format(Locale.ROOT, "%8.2f",
                            (rss - idleRss) / 1024.0 / target);
                    // The step from the previous count: one-off costs (JIT, class loading) are mostly paid by then.
                    String marginal = previousRss < 0 || target == previousCount ? "" : String.format(Locale.ROOT,
                            "%8.2f", (rss - previousRss) / 1024.0 / (target - previousCount));
                    previousRss = rss;
                    previousCount = target;
                    String row = String.format(Locale.ROOT,
                            "%8d %10.1f %10.1f %10.1f %10.1f %10.1f %10.1f %8d %10s %10s %9.1f", target, rss / 1024.0,
                            sum / 1024.0 / settleSeconds, max / 1024.0,
                            p.procStatus("VmHWM") / 1024.0, p.procStatus("RssAnon") / 1024.0,
                            p.procStatus("RssFile") / 1024.0, p.procStatus("Threads"), perService, marginal,
                            deployMillis / 1000.0);
                    table.add(row);
                    System.out.println(header());
                    System.out.println(row);
                    if (nmt) {
                        System.out.println(nmtSummary(p.jcmd("VM.native_memory", "summary")));
                        System.out.println(threadsByName(p.jcmd("Thread.print")));
                        // Forces a full GC: live heap by class, top entries and total (after the RSS was sampled).
                        String[] histogram = p.jcmd("GC.class_histogram").split("\n");
                        for (int i = 0; i < histogram.length; i++) {
                            if (i < 14 || i == histogram.length - 1) {
                                System.out.println(histogram[i]);
                            }
                        }
                    }
                }
                System.out.println();
                System.out.println("spawnd resident memory (MiB) after settling " + settleSeconds + " s; MiB/svc = (RSS"
                        + " - RSS with 0 services) / services; marginal = RSS step / service step from the row above");
                System.out.println(header());
                table.forEach(System.out::println);
            } finally {
                cleanup.run();
            }
        }
        BenchSpawnpoint.deleteTree(dir);
    }

    private static String header() {
        return String.format(Locale.ROOT, "%8s %10s %10s %10s %10s %10s %10s %8s %10s %10s %9s", "services",
                "VmRSS", "mean", "max", "VmHWM", "RssAnon", "RssFile", "threads", "MiB/svc", "marginal", "deploy s");
    }

    /** The total and the committed size of each NMT category, one line each. */
    private static String nmtSummary(String nmt) {
        StringBuilder b = new StringBuilder("NMT (committed):");
        for (String line : nmt.split("\n")) {
            String t = line.trim();
            if (t.startsWith("Total:") || (t.startsWith("-") && t.contains("(reserved="))) {
                String name = t.startsWith("Total:") ? "Total" : t.substring(1, t.indexOf('(')).trim();
                int c = t.indexOf("committed=");
                String committed = t.substring(c + "committed=".length()).replaceAll("[),].*", "");
                b.append(' ').append(name).append('=').append(committed);
            }
        }
        return b.toString();
    }

    /** Live threads grouped by name with digits dropped, largest groups first. */
    private static String threadsByName(String dump) {
        Map<String, Integer> groups = new TreeMap<>();
        for (String line : dump.split("\n")) {
            if (line.startsWith("\"")) {
                String name = line.substring(1, line.indexOf('"', 1)).replaceAll("[0-9]+", "#");
                groups.merge(name, 1, Integer::sum);
            }
        }
        StringBuilder b = new StringBuilder("Threads by name:");
        groups.entrySet().stream().sorted((x, y) -> y.getValue() - x.getValue())
                .forEach(e -> b.append(' ').append(e.getKey()).append('=').append(e.getValue()));
        return b.toString();
    }
}
