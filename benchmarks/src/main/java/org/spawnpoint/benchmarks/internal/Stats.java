package org.spawnpoint.benchmarks.internal;

import java.util.Arrays;

/**
 * Summaries of repeated measurements: min / median / max over rounds, and nearest-rank percentiles over samples.
 *
 * @param min    the smallest value
 * @param median the middle value (the mean of the two middle ones for an even count)
 * @param max    the largest value
 * @param count  how many values
 */
public record Stats(double min, double median, double max, int count) {

    /** The summary of {@code values}; fails on none. */
    public static Stats of(double... values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        double median = n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        return new Stats(s[0], median, s[n - 1], n);
    }

    /**
     * The nearest-rank percentile {@code p} (0 < p ≤ 100) of {@code sorted} (ascending): the smallest value with at
     * least p% of the values at or below it.
     */
    public static long percentile(long[] sorted, double p) {
        if (sorted.length == 0 || !(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile " + p + " of " + sorted.length + " values: expected "
                    + "0 < p <= 100 and at least one value");
        }
        // less a hair, so that 99.9% of 1000 is rank 999 and not 1000 by the rounding of p / 100 * n
        int rank = (int) Math.ceil(p * sorted.length / 100 - 1e-9);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    /** The ratio of two medians, or NaN when the divisor is 0 or either is missing. */
    public static double ratio(Stats a, Stats b) {
        if (a == null || b == null || b.median == 0) {
            return Double.NaN;
        }
        return a.median / b.median;
    }
}
