package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void minMedianMaxOfOddAndEvenCounts() {
        assertEquals(new Stats(1, 3, 9, 5), Stats.of(9, 1, 3, 7, 2));
        assertEquals(new Stats(1, 2.5, 4, 4), Stats.of(4, 1, 3, 2));
        assertEquals(new Stats(5, 5, 5, 1), Stats.of(5));
        assertThrows(IllegalArgumentException.class, Stats::of);
    }

    @Test
    void nearestRankPercentiles() {
        long[] v = new long[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = i + 1;
        }
        assertEquals(500, Stats.percentile(v, 50));
        assertEquals(990, Stats.percentile(v, 99));
        assertEquals(999, Stats.percentile(v, 99.9));
        assertEquals(1000, Stats.percentile(v, 100));
        assertEquals(1, Stats.percentile(v, 0.01));
        assertEquals(7, Stats.percentile(new long[] {7}, 99.9));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(v, 0));
        assertThrows(IllegalArgumentException.class, () -> Stats.percentile(new long[0], 50));
    }

    @Test
    void ratioOfMedians() {
        assertEquals(2.0, Stats.ratio(Stats.of(1, 4, 9), Stats.of(2)));
        assertTrue(Double.isNaN(Stats.ratio(Stats.of(1), Stats.of(0))));
        assertTrue(Double.isNaN(Stats.ratio(null, Stats.of(1))));
    }

    @Test
    void procStatCpuTicksSurviveSpacesInTheName() {
        String stat = "1234 (java thread (x)) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 37 0 0 20 0 30 0 99";
        assertEquals(287, Proc.cpuTicks(stat));
    }
}
