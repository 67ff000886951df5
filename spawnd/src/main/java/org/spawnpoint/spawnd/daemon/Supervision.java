package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.model.HealthCheck;

/**
 * What spawnd watches of one service beyond its container's life (issue 16): its health check loop, its series of
 * automatic restarts, and why it gave up; and what its heartbeat reports of them. The {@link ServiceInstance} decides
 * what to do; this keeps the books. Used on the service's serial executor only.
 */
final class Supervision {
    private final ManagerContext ctx;
    private final Executor actor;
    private final Consumer<HealthTracker.Change> onHealth;
    private final RestartSeries series = new RestartSeries(() -> java.util.concurrent.ThreadLocalRandom.current()
            .nextDouble());
    /** Null without a health check. */
    private HealthLoop loop;
    private String givenUpReason = "";

    Supervision(ManagerContext ctx, Executor actor, Consumer<HealthTracker.Change> onHealth) {
        this.ctx = ctx;
        this.actor = actor;
        this.onHealth = onHealth;
    }

    /** This service's restart policy: the daemon's defaults with the keys its {@code restartPolicy} gives. */
    static CrashBackoff policy(ManagerContext ctx, Deployment d) {
        return ctx.backoff().with(d.config().restartPolicy());
    }

    /** A new deploy: a new series, restart count 0, and the deploy's health check (if any). */
    void deployed(Deployment d) {
        series.startOver(true);
        watch(d);
    }

    /** Takes {@code d}'s health check (after a deploy, or a recovery), stopping any loop of before. */
    void watch(Deployment d) {
        stopChecks();
        HealthCheck check = d.config().healthCheck();
        loop = check == null ? null : new HealthLoop(new HealthTracker(check), ctx, actor, onHealth);
    }

    /** Automatic restarts since the deploy, to persist. */
    long restarts() {
        return series.total();
    }

    /** After spawnd restarted: the count its manifest kept. */
    void restore(long restarts) {
        series.restore(restarts);
    }

    /** A restart by hand: a new series (not counted as an automatic restart). */
    void restartedByHand() {
        series.startOver(false);
    }

    /** The container runs since {@code now}: checks begin, or (without a check) being up counts as good. */
    void started(String containerId, Instant now) {
        givenUpReason = "";
        if (loop != null) {
            series.notGood(); // good once healthy
            loop.start(containerId, now);
        } else {
            series.good(now);
        }
    }

    void stopChecks() {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Books a check result; true when it ended a restart series (healthy for {@code resetAfter}). */
    boolean health(HealthTracker.Change c, Instant now, CrashBackoff policy) {
        if (c.to() == HealthTracker.Health.HEALTHY) {
            series.good(now);
            return series.resetIfStable(now, policy);
        }
        series.notGood();
        return false;
    }

    /** The service went down: restart after a delay, or give up. */
    RestartSeries.Decision next(Instant now, CrashBackoff policy, Duration restartInterval) {
        return series.next(now, policy, restartInterval);
    }

    void gaveUp(String reason) {
        givenUpReason = reason;
    }

    /** The last failed check ({@code GET /health -> 503}), empty if none or without a check. */
    String lastFailure() {
        return loop == null ? "" : loop.tracker().lastFailure();
    }

    /** The heartbeat's view: health while running (or unhealthy as the last verdict), why given up, counts. */
    ServiceInstance.Report report(ServiceState state, Instant startedAt) {
        String health = "";
        String detail = givenUpReason;
        if (loop != null) {
            HealthTracker.Health h = loop.tracker().health();
            health = state == ServiceState.RUNNING || h == HealthTracker.Health.UNHEALTHY ? h.wire : "";
            if (detail.isEmpty()) {
                detail = loop.tracker().lastFailure();
            }
        }
        long started = state == ServiceState.RUNNING
                ? startedAt.getEpochSecond() * 1_000_000_000L + startedAt.getNano() : 0;
        return new ServiceInstance.Report(health, detail, series.total(), started);
    }

    /** What the health check and the restart policy of {@code d} will do, said at deploy: no limit is hidden. */
    static List<String> announcement(Deployment d, CrashBackoff policy) {
        List<String> lines = new ArrayList<>();
        HealthCheck h = d.config().healthCheck();
        boolean auto = d.config().autoRestart();
        if (h != null) {
            lines.add("Health check: " + h.describe() + " every " + GoFormats.duration(h.intervalDuration())
                    + " (timeout " + GoFormats.duration(h.timeoutDuration()) + ", unhealthy after "
                    + h.retriesOrDefault() + " failures in a row, start period "
                    + GoFormats.duration(h.startPeriodDuration()) + ")"
                    + (auto ? "" : "; unhealthy is only reported (autoRestart is off)"));
        }
        if (auto) {
            lines.add("Automatic restarts: " + policy.describe() + (d.restartInterval().isZero() ? ""
                    : ", at least restartInt " + GoFormats.duration(d.restartInterval()) + " apart"));
        }
        return lines;
    }
}
