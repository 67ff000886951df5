package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.time.Instant;
import org.spawnpoint.spawnclient.model.HealthCheck;
import org.spawnpoint.spawnd.backend.ProbeResult;

/**
 * The health of one running container from its check results: {@code starting} after each (re)start until the first
 * success, {@code healthy}, and {@code unhealthy} after {@code retries} failures in a row. Failures inside the start
 * period do not count (as Docker's HEALTHCHECK). Pure logic on a clock the caller passes in; used on the service's
 * serial executor.
 */
final class HealthTracker {
    /** The health values of the heartbeat's {@code Health} key. */
    enum Health {
        STARTING("starting"), HEALTHY("healthy"), UNHEALTHY("unhealthy");

        final String wire;

        Health(String wire) {
            this.wire = wire;
        }
    }

    /** What one result changed; {@code text} is the log line's text, null when nothing is to be logged. */
    record Change(Health from, Health to, String level, String text) {
        boolean becameUnhealthy() {
            return to == Health.UNHEALTHY && from != Health.UNHEALTHY;
        }

        boolean becameHealthy() {
            return to == Health.HEALTHY && from != Health.HEALTHY;
        }
    }

    private final HealthCheck check;
    private Health health = Health.STARTING;
    private int failures;
    private String lastFailure = "";
    private Instant startedAt = Instant.EPOCH;

    HealthTracker(HealthCheck check) {
        this.check = check;
    }

    /** The container (re)started at {@code now}: starting again, failures forgotten (the last text is kept). */
    void restarted(Instant now) {
        health = Health.STARTING;
        failures = 0;
        startedAt = now;
    }

    Change accept(Instant now, ProbeResult r) {
        Health from = health;
        if (r.healthy()) {
            failures = 0;
            health = Health.HEALTHY;
            if (from == Health.HEALTHY) {
                return new Change(from, health, null, null);
            }
            String after = from == Health.STARTING ? " after " + ServiceInstance.human(
                    Duration.between(startedAt, now).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)) : " again";
            return new Change(from, health, "INFO", "Service healthy" + after + ": " + check.describe() + " -> "
                    + r.detail());
        }
        lastFailure = check.describe() + " -> " + r.detail();
        boolean inStartPeriod = from == Health.STARTING
                && Duration.between(startedAt, now).compareTo(check.startPeriodDuration()) < 0;
        if (inStartPeriod) {
            return new Change(from, health, null, null);
        }
        failures++;
        int retries = check.retriesOrDefault();
        if (failures >= retries) {
            health = Health.UNHEALTHY;
            return from == Health.UNHEALTHY ? new Change(from, health, null, null)
                    : new Change(from, health, "WARN", "Service unhealthy: " + lastFailure + " (" + failures + " of "
                            + retries + ")");
        }
        return new Change(from, health, "INFO", "Health check failed: " + lastFailure + " (" + failures + " of "
                + retries + ")");
    }

    Health health() {
        return health;
    }

    /** The last failed check, e.g. {@code GET /health -> 503}; empty if none failed since the deploy. */
    String lastFailure() {
        return lastFailure;
    }

    HealthCheck check() {
        return check;
    }
}
