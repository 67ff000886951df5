package org.spawnpoint.bosswave.payload;

/** PO 2.0.3.1: {@code {"val": value, "ts": unix nanoseconds}}. */
public record MetadataTuple(String value, long timestampNanos) {
}
