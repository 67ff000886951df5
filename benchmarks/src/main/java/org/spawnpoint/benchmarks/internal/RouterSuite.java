package org.spawnpoint.benchmarks.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Router figures next to Mosquitto and nats-server, in interleaved rounds (router, Mosquitto, NATS, router, ...), so
 * that whatever else the machine is doing hits all three alike: 1→1 and 1→10 pipelined throughput, CPU per message,
 * latency at a steady rate, resident memory idle and after the runs, and 1→1 throughput with 10,000 wildcard
 * subscriptions that do not match (each round: subscribed, measured, unsubscribed, next to a run without them).
 */
public final class RouterSuite {
    /**
     * Sizes of one run.
     *
     * @param rounds      measured rounds (one unmeasured warm-up round comes first)
     * @param oneToOne    messages per 1→1 run
     * @param fanOut      messages per 1→10 run (each delivered 10 times)
     * @param rate        the latency run's steady rate, msg/s
     * @param seconds     length of each latency run
     * @param wildcards   how many wildcard subscriptions the last figure holds
     */
    public record Plan(int rounds, int oneToOne, int fanOut, int rate, double seconds, int wildcards) {
        public static final Plan QUICK = new Plan(3, 100_000, 10_000, 10_000, 1, 10_000);
        public static final Plan FULL = new Plan(5, 300_000, 50_000, 10_000, 4, 10_000);
    }

    private RouterSuite() {
    }

    /** Runs the suite on already started brokers (ours first); charts go to {@code out}. */
    public static List<Row> run(List<Broker> brokers, Plan plan, Path out) throws Exception {
        List<String> names = brokers.stream().map(Broker::name).toList();
        Map<String, Double> idle = new LinkedHashMap<>();
        Thread.sleep(1_000);
        for (Broker b : brokers) {
            idle.put(b.name(), b.rssMiB());
        }
        Series one = new Series(names);
        Series ten = new Series(names);
        Series cpu = new Series(names);
        Series p50 = new Series(names);
        Series p99 = new Series(names);
        Series p999 = new Series(names);
        Series wild = new Series(names);
        Series wildCost = new Series(names);
        Map<String, Histogram> latencies = new LinkedHashMap<>();
        long[] lost = new long[brokers.size()];
        log("warm-up round");
        for (Broker b : brokers) {
            // twice for the JIT of our router: one pass left round 1's latency p50 at 200 ms on a loaded machine
            for (int w = 0; w < 2; w++) {
                LoadGenerator.pipelined(b, 1, plan.oneToOne() / 2);
                LoadGenerator.pipelined(b, 10, plan.fanOut() / 4);
                LoadGenerator.latency(b, plan.rate(), 0.5);
            }
        }
        for (int r = 1; r <= plan.rounds(); r++) {
            for (int i = 0; i < brokers.size(); i++) {
                Broker b = brokers.get(i);
                LoadGenerator.Throughput t1 = LoadGenerator.pipelined(b, 1, plan.oneToOne());
                one.add(b.name(), t1.rate());
                cpu.add(b.name(), t1.cpuMicros());
                LoadGenerator.Throughput t10 = LoadGenerator.pipelined(b, 10, plan.fanOut());
                ten.add(b.name(), t10.rate());
                lost[i] += t1.lost() + t10.lost();
                Histogram h = LoadGenerator.latency(b, plan.rate(), plan.seconds());
                latencies.computeIfAbsent(b.name(), k -> new Histogram(3)).add(h);
                p50.add(b.name(), h.getValueAtPercentile(50) / 1e3);
                p99.add(b.name(), h.getValueAtPercentile(99) / 1e3);
                p999.add(b.name(), h.getValueAtPercentile(99.9) / 1e3);
                // the same 1→1 run with the wildcard subscriptions held, right after the one without: the ratio of
                // this pair is what the table reports (separate phases left it at the mercy of the machine's load)
                List<Client> holders = LoadGenerator.wildcardSubscriptions(b, plan.wildcards());
                LoadGenerator.Throughput tw;
                try {
                    tw = LoadGenerator.pipelined(b, 1, plan.oneToOne());
                } finally {
                    for (Client c : holders) {
                        c.close();
                    }
                }
                wild.add(b.name(), tw.rate());
                wildCost.add(b.name(), t1.rate() / tw.rate());
                log("round %d %-9s 1→1 %,.0f msg/s (%.2f µs CPU/msg), 1→10 %,.0f msg/s, p50 %.0f µs, 1→1 with "
                        + "wildcards %,.0f msg/s, lost %d", r, b.name(), t1.rate(), t1.cpuMicros(), t10.rate(),
                        h.getValueAtPercentile(50) / 1e3, tw.rate(), t1.lost() + t10.lost());
            }
        }
        Thread.sleep(1_000);
        Series rssIdle = new Series(names);
        Series rssAfter = new Series(names);
        for (Broker b : brokers) {
            rssIdle.add(b.name(), idle.get(b.name()));
            rssAfter.add(b.name(), b.rssMiB());
        }
        List<Row> rows = new ArrayList<>();
        String lostNote = lostNote(names, lost);
        rows.add(one.row("router", "1→1 pipelined, 100 B, delivered", "msg/s").withNote(lostNote));
        rows.add(ten.row("router", "1→10 fan-out, 100 B, published", "msg/s"));
        rows.add(cpu.row("router", "broker CPU per 1→1 message", "µs").withNote(String.format(
                "utime+stime over the 1→1 run; 10 ms ticks, so ±%.2f µs", 10_000.0 / plan.oneToOne())));
        String at = String.format("at %,d msg/s", plan.rate());
        rows.add(p50.row("router", "latency p50 " + at, "µs"));
        rows.add(p99.row("router", "latency p99 " + at, "µs"));
        rows.add(p999.row("router", "latency p99.9 " + at, "µs"));
        rows.add(rssIdle.row("router", "RSS idle", "MiB"));
        rows.add(rssAfter.row("router", "RSS after the runs", "MiB"));
        rows.add(wild.row("router", String.format("1→1 with %,d wildcard subscriptions", plan.wildcards()), "msg/s"));
        rows.add(wildCost.row("router", "1→1 time with wildcards ÷ without (paired runs)", "×"));
        Files.createDirectories(out);
        Charts.latency(out.resolve("latency.png"), "publish → delivery latency " + at + ", 100 B", latencies);
        Map<String, Map<String, Double>> bars = new LinkedHashMap<>();
        bars.put("1→1", one.medians());
        bars.put("1→10 (published)", ten.medians());
        bars.put(String.format("1→1, %,d wildcards", plan.wildcards()), wild.medians());
        Charts.bars(out.resolve("throughput.png"), "pipelined throughput, 100 B (medians)", "msg/s", bars);
        for (Map.Entry<String, Histogram> e : latencies.entrySet()) {
            try (var ps = new java.io.PrintStream(out.resolve("latency-" + e.getKey() + ".hgrm").toFile())) {
                e.getValue().outputPercentileDistribution(ps, 1e3);
            }
        }
        return rows;
    }

    private static String lostNote(List<String> names, long[] lost) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (lost[i] > 0) {
                parts.add(names.get(i) + " lost " + lost[i]);
            }
        }
        return parts.isEmpty() ? "no message lost" : String.join(", ", parts) + " (deliveries stalled > 5 s)";
    }

    static void log(String format, Object... args) {
        System.err.printf("bench: " + format + "%n", args);
    }
}
