package org.spawnpoint.spawnclient;

import java.time.Duration;
import java.time.Instant;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;

/**
 * A service as seen in its last heartbeat.
 *
 * @param spawnpointUri the spawnpoint it runs on, as the heartbeat names it
 * @param memAlloc      MiB reserved; {@code memUsage} MiB in use
 * @param cpuShareUsage CPU in use, in shares (1024 per core)
 * @param originalConfig the deployed config without its entity, when the daemon reports it (else empty)
 * @param state         what the daemon says of the service when it is not simply running, e.g. a crash loop's next
 *                      restart (empty from daemons that do not report it, and for running services)
 */
public record ServiceInfo(String name, String spawnpointUri, Instant lastSeen, long memAlloc, long cpuShares,
                          double memUsage, double cpuPercent, long cpuShareUsage, double networkRx, double networkTx,
                          double mbRead, double mbWritten, String originalConfig, String state) {

    /** Service heartbeats come about every 6 s; older than this, a service is hidden unless asked for all. */
    public static final Duration FRESH_WITHIN = Duration.ofSeconds(10);

    static ServiceInfo of(String name, ServiceHeartbeat hb) {
        return new ServiceInfo(name, hb.spawnpointUri(), hb.time(), hb.memAlloc(), hb.cpuShares(), hb.memUsage(),
                hb.cpuPercent(), hb.cpuShareUsage(), hb.networkRx(), hb.networkTx(), hb.mbRead(), hb.mbWritten(),
                hb.originalConfig(), hb.state());
    }

    /** How long ago the last heartbeat was sent. */
    public Duration age(Instant now) {
        return Duration.between(lastSeen, now);
    }

    /** Whether the last heartbeat is younger than {@link #FRESH_WITHIN}. */
    public boolean isFresh(Instant now) {
        return age(now).compareTo(FRESH_WITHIN) < 0;
    }
}
