package org.spawnpoint.spawnclient;

import java.time.Duration;
import java.time.Instant;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;

/**
 * A spawnpoint as seen in its last heartbeat.
 *
 * @param uri       its base path {@code P}, in the namespace form the caller used
 * @param routerUri the same path as the router reports it (namespace as its VK); follow-up requests may use either
 */
public record Spawnpoint(String uri, String routerUri, String alias, Instant lastSeen, long totalMem,
                         long totalCpuShares, long availableMem, long availableCpuShares) {

    /** Heartbeats come every 5 s; one younger than this is shown as good (green), as the original does. */
    public static final Duration GOOD_WITHIN = Duration.ofSeconds(10);

    static Spawnpoint of(String uri, String routerUri, DaemonHeartbeat hb) {
        return new Spawnpoint(uri, routerUri, hb.alias(), hb.time(), hb.totalMem(), hb.totalCpuShares(),
                hb.availableMem(), hb.availableCpuShares());
    }

    /** Time since the last heartbeat (negative when the daemon's clock is ahead). */
    public Duration age(Instant now) {
        return Duration.between(lastSeen, now);
    }

    /** Heartbeat younger than {@link #GOOD_WITHIN}. */
    public boolean isGood(Instant now) {
        return age(now).compareTo(GOOD_WITHIN) < 0;
    }

    /** Heartbeat younger than {@link SpawnClient#ALIVE_WITHIN}: the test deploy, restart and stop apply. */
    public boolean isAlive(Instant now) {
        return age(now).compareTo(SpawnClient.ALIVE_WITHIN) < 0;
    }
}
