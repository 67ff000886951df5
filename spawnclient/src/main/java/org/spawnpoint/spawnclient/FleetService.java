package org.spawnpoint.spawnclient;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;

/**
 * One service of a {@link Fleet}, as its last heartbeat describes it.
 *
 * @param spawnpointUri  the spawnpoint it runs on (the URI its heartbeat was found at, in the caller's namespace form)
 * @param name           the service
 * @param lastSeen       its last heartbeat
 * @param state          {@code running} when the daemon reports no other state (0.2 daemons never do), else the
 *                       daemon's word, e.g. {@code given-up} or a crash loop's next restart
 * @param health         {@code starting}, {@code healthy} or {@code unhealthy}; empty without a health check
 * @param healthDetail   the last failed check's text, or empty
 * @param memUsage       MiB in use; {@code memAlloc} MiB reserved
 * @param cpuPercent     100 means one full core; {@code cpuShares} reserved
 * @param startedAt      when the running container started, when the daemon reports it
 * @param restarts       restarts since the last deploy (0 when not reported)
 */
public record FleetService(String spawnpointUri, String name, Instant lastSeen, String state, String health,
                           String healthDetail, double memUsage, long memAlloc, double cpuPercent, long cpuShares,
                           Optional<Instant> startedAt, long restarts) {

    /** The state a heartbeat without one stands for. */
    public static final String RUNNING = "running";

    static FleetService of(String spawnpointUri, String name, ServiceHeartbeat hb) {
        return new FleetService(spawnpointUri, name, hb.time(), hb.state().isEmpty() ? RUNNING : hb.state(),
                hb.health(), hb.healthDetail(), hb.memUsage(), hb.memAlloc(), hb.cpuPercent(), hb.cpuShares(),
                hb.startedAtNanos() == 0 ? Optional.empty() : Optional.of(Instants.ofNanos(hb.startedAtNanos())),
                hb.restarts());
    }

    /** Time since the last heartbeat. */
    public Duration age(Instant now) {
        return Duration.between(lastSeen, now);
    }

    /** Heartbeat younger than {@link ServiceInfo#FRESH_WITHIN}, the window {@code scan} shows services in. */
    public boolean isFresh(Instant now) {
        return age(now).compareTo(ServiceInfo.FRESH_WITHIN) < 0;
    }

    /** How long the container has run, when the daemon reports its start and the service runs. */
    public Optional<Duration> uptime(Instant now) {
        if (!state.equals(RUNNING)) {
            return Optional.empty();
        }
        return startedAt.map(t -> Duration.between(t, now)).filter(d -> !d.isNegative());
    }
}
