package org.spawnpoint.spawnclient.model;

import java.time.Instant;

/** Unix nanoseconds, the time unit of every Spawnpoint payload. */
public final class Instants {
    private Instants() {
    }

    /** Unix nanoseconds as an instant (negative values are before 1970). */
    public static Instant ofNanos(long unixNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(unixNanos, 1_000_000_000L), Math.floorMod(unixNanos, 1_000_000_000L));
    }

    /** Saturates instead of overflowing for instants beyond the year 2262. */
    public static long toNanos(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (ArithmeticException e) {
            return t.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
