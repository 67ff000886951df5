package org.spawnpoint.spawnd.bench;

import java.util.Arrays;
import java.util.Locale;

/** Mean and nearest-rank percentiles of a series of durations in milliseconds, printed as one table row. */
final class Figures {
    private Figures() {
    }

    static double mean(double[] ms) {
        return Arrays.stream(ms).average().orElse(Double.NaN);
    }

    /** Nearest-rank percentile. */
    static double percentile(double[] ms, int p) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    static String header() {
        return String.format(Locale.ROOT, "%-58s %8s %8s %8s %8s %8s", "(ms)", "mean", "p50", "p90", "min", "max");
    }

    static String row(String what, double[] ms) {
        double[] sorted = ms.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%-58s %8.1f %8.1f %8.1f %8.1f %8.1f", what, mean(ms), percentile(ms, 50),
                percentile(ms, 90), sorted[0], sorted[sorted.length - 1]);
    }

    static String overhead(String what, double[] spawnd, double[] baseline) {
        return String.format(Locale.ROOT, "%-58s %+7.1f %% (mean)  %+7.1f %% (p50)", what,
                (mean(spawnd) / mean(baseline) - 1) * 100,
                (percentile(spawnd, 50) / percentile(baseline, 50) - 1) * 100);
    }
}
