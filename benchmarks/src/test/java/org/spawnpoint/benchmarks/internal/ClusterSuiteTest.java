package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterSuiteTest {
    private static final String OUTPUT = """
            BOSSWAVE cluster benchmark, 2 cores, payload 100 bytes
            single router            throughput   50,000 msg/s (median of 3)   latency p50   100 us  p99    300 us
            result\tsingle router\t50000,52000,48000\t100,110,90\t300,310,290
            result\tclustered, same router\t40000,41000,39000\t120,130,110\t350,360,340
            result\tclustered, A -> B\t9000,11000,10000\t700,800,600\t2000,2100,1900
            """;

    @Test
    void resultLinesBecomeRowsWithTheAcrossRoutersFigureAsOursAndTheOthersBeside() {
        List<Row> rows = ClusterSuite.rows(OUTPUT);
        assertEquals(3, rows.size());
        Row tput = rows.get(0);
        assertEquals("msg/s", tput.unit());
        assertEquals(new Stats(9000, 10000, 11000, 3), tput.ours());
        assertEquals(List.of("single router", "clustered, same router"), List.copyOf(tput.peers().keySet()));
        assertEquals(50000, tput.peers().get("single router").median());
        assertEquals(700, rows.get(1).ours().median());
        assertEquals(120, rows.get(1).peers().get("clustered, same router").median());
        assertEquals(2100, rows.get(2).ours().max());
    }

    @Test
    void aMissingOrBrokenResultIsAClearError() {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> ClusterSuite.rows("result\tsingle router\t1\t2\t3\n"));
        assertTrue(none.getMessage().contains("no 'clustered, A -> B' result"), none.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ClusterSuite.rows("result\tclustered, A -> B\t1,x\t2\t3\n"));
        assertTrue(bad.getMessage().contains("not a number in a result line: 'x'"), bad.getMessage());
    }

    @Test
    void theDrillLogSaysWhatWasPublishedDuringTheCutWhatArrivedAndWhenItRecovered() {
        // cut at 1000, restored at 2000
        DrillLog a = DrillLog.parse("""
                ready
                pub 0 900 ok
                recv a 0 900 901
                recv b 0 950 960
                pub 1 1100 ok
                recv a 1 1100 1101
                pub 2 1500 ok
                recv a 2 1500 1503
                pub 3 2100 ok
                recv a 3 2100 2101
                recv b 3 2200 2450
                recv b 3 2200 2451
                """);
        DrillLog b = DrillLog.parse("""
                pub 0 950 ok
                recv a 0 900 905
                pub 1 1200 ok
                pub 2 1600 err
                recv a 1 1100 2300
                recv a 2 1500 2301
                pub 3 2200 ok
                recv a 3 2100 2302
                """);
        String o = DrillLog.outcome(a, b, 1000, 2000);
        assertTrue(o.contains("A's client published 2 (0 refused), A's own subscriber got 2 of them (max 3 ms)"), o);
        assertTrue(o.contains("B got 2 of them (2 after the restore)"), o);
        assertTrue(o.contains("B's client published 1, A got 0"), o);
        assertTrue(o.contains("duplicates at A 1, at B 0"), o);
        assertTrue(o.contains("recovered 450 ms after the restore (B→A 450 ms, A→B 302 ms)"), o);
        assertTrue(DrillLog.outcome(a, DrillLog.parse("ready\n"), 1000, 2000).contains("not recovered"));
        assertThrows(IllegalArgumentException.class, () -> DrillLog.parse("pub x 1 ok"));
    }
}
