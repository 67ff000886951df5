package org.spawnpoint.benchmarks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A focused measurement of our router alone: only RouterSuite's 1→1 pipelined run, repeated with more messages, so
 * that the broker CPU per message is read with less of the 10 ms tick's error (±0.01 µs at 1,000,000 messages) than the
 * quick suite's 100,000. Same router, launcher, config and load generator as {@code bin/bench}; it prints each round
 * and the median. Run: {@code bin/_launch benchmarks org.spawnpoint.benchmarks.internal.RouterCpuProbe ROOT [ROUNDS
 * [MESSAGES]]}; the router's pid is printed first, for strace or jcmd.
 */
public final class RouterCpuProbe {
    private RouterCpuProbe() {
    }

    /** Args: repository root, rounds (default 5), messages per round (default 1,000,000). */
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
        Path work = Files.createTempDirectory("rcpu-probe");
        Broker ours = OurRouter.create(root, Files.createDirectories(work.resolve("router")));
        try (Broker router = ours.start()) {
            System.out.println("router pid " + router.pid());
            for (int w = 0; w < 2; w++) {
                LoadGenerator.pipelined(router, 1, 200_000);
            }
            List<Double> cpu = new ArrayList<>();
            List<Double> rate = new ArrayList<>();
            for (int r = 1; r <= rounds; r++) {
                double[] heap0 = heap(router.pid());
                long[] before = counters(router.pid());
                LoadGenerator.Throughput t = LoadGenerator.pipelined(router, 1, n);
                long[] after = counters(router.pid());
                double[] heap1 = heap(router.pid());
                double allocated = (heap1[1] - heap0[1]) * heap1[0] + heap1[2] - heap0[2];
                cpu.add(t.cpuMicros());
                rate.add(t.rate());
                System.out.printf("round %d: 1→1 %,.0f msg/s, %.3f µs CPU/msg (user %.3f, system %.3f), per message "
                        + "%.3f read and %.3f write calls, %.0f B allocated (%.0f young GCs), lost %d%n", r, t.rate(),
                        t.cpuMicros(), (after[0] - before[0]) * 1e4 / n, (after[1] - before[1]) * 1e4 / n,
                        (after[2] - before[2]) / (double) n, (after[3] - before[3]) / (double) n,
                        allocated * 1024 / n, heap1[1] - heap0[1], t.lost());
            }
            System.out.printf("median: 1→1 %,.0f msg/s, %.3f µs CPU/msg%n", median(rate), median(cpu));
        } finally {
            try (var paths = Files.walk(work)) { // the router's data and keys of this run
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** utime and stime ticks (/proc/PID/stat), read and write calls (syscr and syscw of /proc/PID/io). */
    private static long[] counters(long pid) throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long[] out = {Long.parseLong(f[11]), Long.parseLong(f[12]), 0, 0};
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/io"))) {
            if (line.startsWith("syscr:")) {
                out[2] = Long.parseLong(line.substring(6).trim());
            } else if (line.startsWith("syscw:")) {
                out[3] = Long.parseLong(line.substring(6).trim());
            }
        }
        return out;
    }

    /**
     * Eden capacity (KiB), young collections and eden used (KiB) from {@code jstat -gc}: with a fixed young generation
     * (bin/bw2's -Xmn), collections × capacity + the change in use is what the router allocated.
     */
    private static double[] heap(long pid) throws Exception {
        Process p = new ProcessBuilder("jstat", "-gc", Long.toString(pid)).redirectErrorStream(true).start();
        List<String> lines = new String(p.getInputStream().readAllBytes()).lines().toList();
        p.waitFor();
        List<String> names = List.of(lines.get(0).trim().split("\\s+"));
        String[] v = lines.get(1).trim().split("\\s+");
        return new double[] {Double.parseDouble(v[names.indexOf("EC")]), Double.parseDouble(v[names.indexOf("YGC")]),
            Double.parseDouble(v[names.indexOf("EU")])};
    }

    private static double median(List<Double> v) {
        List<Double> s = new ArrayList<>(v);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }
}
