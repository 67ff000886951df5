package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.model.RestartPolicy;

/**
 * How an autoRestart service's automatic restarts are spaced (after a crash, or after its health check found it
 * unhealthy): restart number n of a series waits {@code initial × 2^(n-1)}, at most {@code cap}, less up to
 * {@code jitter} of it (so that services that failed together do not restart together), and never less than the
 * service's {@code restartInt}. A service healthy (or, without a health check, up) for {@code resetAfter} starts a new
 * series. With {@code maxRestarts} above 0, a series that would exceed it ends in {@code given-up} instead.
 *
 * <p>The daemon holds one of these as the default for every service ({@link #DEFAULT}: the behaviour of services
 * without a {@code restartPolicy}: 1 s, doubling to 5 min, reset after 30 s up, never give up); a service's
 * {@code restartPolicy} overrides the keys it gives ({@link #with}).
 *
 * @param initial     first delay of a series
 * @param cap         longest delay
 * @param resetAfter  healthy (or up) this long ends a series
 * @param maxRestarts restarts in a row before giving up; 0 = never
 * @param jitter      the fraction (0 to 1) a delay may be shortened by at random
 */
public record CrashBackoff(Duration initial, Duration cap, Duration resetAfter, long maxRestarts, double jitter) {
    /** Fifth of a delay: enough to spread a fleet's restarts, little enough to keep the doubling visible. */
    public static final double DEFAULT_JITTER = 0.2;

    public static final CrashBackoff DEFAULT = new CrashBackoff(RestartPolicy.DEFAULT_BACKOFF,
            RestartPolicy.DEFAULT_MAX_BACKOFF, RestartPolicy.DEFAULT_RESET_AFTER);

    public CrashBackoff {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0 || resetAfter.isNegative()
                || maxRestarts < 0 || jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("backoff " + initial + " to " + cap + ", reset after " + resetAfter
                    + ", " + maxRestarts + " restarts, jitter " + jitter + ": expected 0 < initial <= cap, a reset"
                    + " period and restart limit not negative, and a jitter from 0 to below 1");
        }
    }

    /** A default that never gives up, with {@link #DEFAULT_JITTER}. */
    public CrashBackoff(Duration initial, Duration cap, Duration resetAfter) {
        this(initial, cap, resetAfter, 0, DEFAULT_JITTER);
    }

    /** This default with the keys {@code policy} gives (null: none) in their place. */
    public CrashBackoff with(RestartPolicy policy) {
        if (policy == null) {
            return this;
        }
        Duration first = policy.backoff().isEmpty() ? initial : policy.backoffDuration();
        Duration max = !policy.maxBackoff().isEmpty() ? policy.maxBackoffDuration()
                : cap.compareTo(first) >= 0 ? cap : first;
        Duration reset = policy.resetAfter().isEmpty() ? resetAfter : policy.resetAfterDuration();
        return new CrashBackoff(first, max, reset, policy.maxRestarts(), jitter);
    }

    /**
     * The wait before restart number {@code n} (1 for the first of a series), before jitter: never less than
     * {@code restartInterval}.
     */
    public Duration delay(Duration restartInterval, int n) {
        Duration d = initial;
        for (int i = 1; i < n && d.compareTo(cap) < 0; i++) {
            d = d.multipliedBy(2);
        }
        if (d.compareTo(cap) > 0) {
            d = cap;
        }
        return d.compareTo(restartInterval) > 0 ? d : restartInterval;
    }

    /**
     * {@link #delay} shortened by {@code random × jitter} of the backoff part ({@code random} from 0 to below 1),
     * never below {@code restartInterval}: the delay a service actually waits.
     */
    public Duration jittered(Duration restartInterval, int n, double random) {
        Duration d = delay(restartInterval, n);
        Duration cut = Duration.ofNanos((long) (d.toNanos() * jitter * random));
        Duration j = d.minus(cut).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return j.compareTo(restartInterval) > 0 ? j : restartInterval;
    }

    /** One line for logs: {@code backoff 1s doubling to 5m0s, reset after 30s, never gives up}. */
    public String describe() {
        return "backoff " + GoFormats.duration(initial) + " doubling to " + GoFormats.duration(cap) + ", reset after "
                + GoFormats.duration(resetAfter) + ", " + (maxRestarts == 0 ? "never gives up"
                : "gives up after " + maxRestarts + " restarts in a row");
    }
}
