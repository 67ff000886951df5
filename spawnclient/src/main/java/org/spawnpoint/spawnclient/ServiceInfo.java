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
 *                      restart, or {@code given-up} (empty from daemons that do not report it, and for running services)
 * @param health        {@code starting}, {@code healthy} or {@code unhealthy}; empty without a health check (issue 16)
 * @param healthDetail  the last failed check, or why the daemon gave up; empty if none
 * @param restarts      automatic restarts since the last deploy
 * @param startedAtNanos when the running container started (Unix ns), 0 when not running or not reported
 */
public record ServiceInfo(String name, String spawnpointUri, Instant lastSeen, long memAlloc, long cpuShares,
                          double memUsage, double cpuPercent, long cpuShareUsage, double networkRx, double networkTx,
                          double mbRead, double mbWritten, String originalConfig, String state, String health,
                          String healthDetail, long restarts, long startedAtNanos) {

    /** The value of {@link #state()} for a service its spawnpoint gave up restarting (restartPolicy.maxRestarts). */
    public static final String GIVEN_UP = "given-up";

    public ServiceInfo {
        originalConfig = originalConfig == null ? "" : originalConfig;
        state = state == null ? "" : state;
        health = health == null ? "" : health;
        healthDetail = healthDetail == null ? "" : healthDetail;
    }

    /** A service without health, restart count or start time (as daemons before issue 16 report). */
    public ServiceInfo(String name, String spawnpointUri, Instant lastSeen, long memAlloc, long cpuShares,
                       double memUsage, double cpuPercent, long cpuShareUsage, double networkRx, double networkTx,
                       double mbRead, double mbWritten, String originalConfig, String state) {
        this(name, spawnpointUri, lastSeen, memAlloc, cpuShares, memUsage, cpuPercent, cpuShareUsage, networkRx,
                networkTx, mbRead, mbWritten, originalConfig, state, "", "", 0, 0);
    }

    /** Service heartbeats come about every 6 s; older than this, a service is hidden unless asked for all. */
    public static final Duration FRESH_WITHIN = Duration.ofSeconds(10);

    static ServiceInfo of(String name, ServiceHeartbeat hb) {
        return new ServiceInfo(name, hb.spawnpointUri(), hb.time(), hb.memAlloc(), hb.cpuShares(), hb.memUsage(),
                hb.cpuPercent(), hb.cpuShareUsage(), hb.networkRx(), hb.networkTx(), hb.mbRead(), hb.mbWritten(),
                hb.originalConfig(), hb.state(), hb.health(), hb.healthDetail(), hb.restarts(), hb.startedAtNanos());
    }

    /** When the running container started, if the daemon reports it. */
    public java.util.Optional<Instant> startedAt() {
        return startedAtNanos == 0 ? java.util.Optional.empty()
                : java.util.Optional.of(org.spawnpoint.spawnclient.model.Instants.ofNanos(startedAtNanos));
    }

    /** True when the spawnpoint gave up restarting the service; it runs again only when restarted by hand. */
    public boolean givenUp() {
        return GIVEN_UP.equals(state);
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
