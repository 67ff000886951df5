package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The charts render headless to PNG files. */
class ChartsTest {
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @TempDir
    Path dir;

    @Test
    void latencyAndBarChartsArePngs() throws Exception {
        Map<String, Histogram> h = new LinkedHashMap<>();
        for (String b : new String[] {"router", "NATS"}) {
            Histogram x = new Histogram(3);
            for (int i = 1; i <= 10_000; i++) {
                x.recordValue(40_000 + i * (b.equals("NATS") ? 3L : 5L));
            }
            h.put(b, x);
        }
        Charts.latency(dir.resolve("latency.png"), "latency", h);
        Charts.bars(dir.resolve("bars.png"), "throughput", "msg/s",
                Map.of("1→1", Map.of("router", 425_000.0, "NATS", 1_520_000.0)));
        for (String f : new String[] {"latency.png", "bars.png"}) {
            byte[] b = Files.readAllBytes(dir.resolve(f));
            assertArrayEquals(PNG, Arrays.copyOf(b, 8), f);
        }
    }
}
