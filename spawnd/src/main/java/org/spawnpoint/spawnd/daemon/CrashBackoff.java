package org.spawnpoint.spawnd.daemon;

import java.time.Duration;

/**
 * How long an autoRestart service waits before its next start. A container that ran at least {@code stableAfter}
 * is restarted after its {@code restartInt}; one that keeps dying sooner waits exponentially longer (initial, ×2 each
 * time) up to {@code cap}, and never gives up.
 */
public record CrashBackoff(Duration initial, Duration cap, Duration stableAfter) {
    public static final CrashBackoff DEFAULT = new CrashBackoff(Duration.ofSeconds(1), Duration.ofMinutes(5),
            Duration.ofSeconds(30));

    /** The wait before restart number {@code consecutiveCrashes} (1 for the first quick crash). */
    public Duration delay(Duration restartInterval, int consecutiveCrashes) {
        if (consecutiveCrashes <= 0) {
            return restartInterval;
        }
        Duration d = initial;
        for (int i = 1; i < consecutiveCrashes && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        if (d.compareTo(cap) > 0) {
            d = cap;
        }
        return d.compareTo(restartInterval) > 0 ? d : restartInterval;
    }
}
