package org.spawnpoint.spawnd.daemon;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spawnpoint.spawnd.backend.ProbeResult;

/**
 * Runs one service's health check every interval while its container runs: the daemon's timer thread waits out the
 * interval, the daemon's small probe pool runs the check (bounded by its timeout), and the result is handed to the
 * service's serial executor, where the next check is scheduled. So a service has at most one check in flight, checks
 * never overlap, and a slow check delays the next rather than piling up. A generation number drops the results of a
 * loop that was stopped (container restarted, stopped or replaced).
 */
final class HealthLoop {
    private final HealthTracker tracker;
    private final ManagerContext ctx;
    private final Executor actor;
    private final Consumer<HealthTracker.Change> onResult;
    private long generation;
    private ScheduledFuture<?> timer;

    HealthLoop(HealthTracker tracker, ManagerContext ctx, Executor actor,
               Consumer<HealthTracker.Change> onResult) {
        this.tracker = tracker;
        this.ctx = ctx;
        this.actor = actor;
        this.onResult = onResult;
    }

    HealthTracker tracker() {
        return tracker;
    }

    /** The container {@code containerId} (re)started at {@code now}: checks begin one interval later. */
    void start(String containerId, Instant now) {
        stop();
        tracker.restarted(now);
        schedule(generation, containerId);
    }

    /** No more checks (results under way are dropped). */
    void stop() {
        generation++;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void schedule(long gen, String containerId) {
        try {
            timer = ctx.timers().schedule(() -> probe(gen, containerId),
                    tracker.check().intervalDuration().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // spawnd is shutting down
        }
    }

    private void probe(long gen, String containerId) {
        try {
            ctx.probes().execute(() -> {
                ProbeResult r;
                try {
                    r = ctx.backend().probe(containerId, tracker.check());
                } catch (RuntimeException e) {
                    r = ProbeResult.failed("check could not run: " + e.getMessage());
                }
                ProbeResult result = r;
                actor.execute(() -> result(gen, containerId, result));
            });
        } catch (RejectedExecutionException closing) {
            // spawnd is shutting down
        }
    }

    private void result(long gen, String containerId, ProbeResult r) {
        if (gen != generation) {
            return;
        }
        onResult.accept(tracker.accept(Instant.now(), r));
        if (gen == generation) {
            schedule(gen, containerId);
        }
    }
}
