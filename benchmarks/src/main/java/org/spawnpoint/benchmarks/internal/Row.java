package org.spawnpoint.benchmarks.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of the results table: a figure measured on ours and, side by side, on the peers, each as min / median /
 * max over the interleaved rounds; or, for a drill, what was tried and what survived, in words.
 *
 * @param section "router", "deploy", "footprint", "drill"
 * @param figure  what was measured, e.g. "1→1 pipelined, 100 B"
 * @param unit    e.g. "msg/s", "µs", "MiB", "ms"
 * @param ours    our figure, or null for a drill
 * @param peers   the peers' figures by name, in column order (may be empty)
 * @param note    free text: a drill's outcome, or what a figure means
 */
public record Row(String section, String figure, String unit, Stats ours, Map<String, Stats> peers, String note) {
    public Row {
        peers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(peers));
        note = note == null ? "" : note;
    }

    /** A figure of ours with its peers. */
    public static Row measured(String section, String figure, String unit, Stats ours, Map<String, Stats> peers) {
        return new Row(section, figure, unit, ours, peers, "");
    }

    /** A drill's outcome in words. */
    public static Row drill(String figure, String outcome) {
        return new Row("drill", figure, "", null, Map.of(), outcome);
    }

    /** The same row with {@code text} as its note. */
    public Row withNote(String text) {
        return new Row(section, figure, unit, ours, peers, text);
    }
}
