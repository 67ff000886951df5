package org.spawnpoint.spawnclient.model;

import org.spawnpoint.bosswave.payload.GoFormats;
import java.time.Duration;

/**
 * The optional {@code restartPolicy} of a service config (issue 16): how spawnd spaces the automatic restarts of an
 * {@code autoRestart} service, after a crash or after its health check found it unhealthy. Restart number n of a
 * series waits {@code backoff × 2^(n-1)}, at most {@code maxBackoff}, less up to a fifth of jitter, and never less than
 * {@code restartInt}; a service healthy (or, without a health check, up) for {@code resetAfter} starts a new series;
 * with {@code maxRestarts} above 0 the service is {@code given-up} instead of restarted once a series would exceed
 * it. Durations are kept as written (empty when absent).
 *
 * <p>Without the key the defaults apply, which are the behaviour of services deployed before it existed: backoff
 * {@link #DEFAULT_BACKOFF}, cap {@link #DEFAULT_MAX_BACKOFF}, reset after {@link #DEFAULT_RESET_AFTER}, never give up.
 */
public record RestartPolicy(String backoff, String maxBackoff, String resetAfter, long maxRestarts) {
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RESET_AFTER = Duration.ofSeconds(30);
    /** Shortest first delay and reset period: a crash loop must not make spawnd and the engine spin. */
    public static final Duration MIN_BACKOFF = Duration.ofMillis(10);
    public static final Duration MIN_RESET_AFTER = Duration.ofMillis(100);
    public static final Duration MAX_DURATION = Duration.ofDays(1);
    public static final long MAX_RESTARTS = 1_000_000;

    /** No key: every default. */
    public static final RestartPolicy DEFAULTS = new RestartPolicy("", "", "", 0);

    public RestartPolicy {
        backoff = backoff == null ? "" : backoff;
        maxBackoff = maxBackoff == null ? "" : maxBackoff;
        resetAfter = resetAfter == null ? "" : resetAfter;
    }

    /** The first delay of a series; {@link #DEFAULT_BACKOFF} when not given. */
    public Duration backoffDuration() {
        return backoff.isEmpty() ? DEFAULT_BACKOFF : GoFormats.parseDuration(backoff);
    }

    /** The cap; when only {@code backoff} is given and it exceeds the default cap, the cap is {@code backoff}. */
    public Duration maxBackoffDuration() {
        if (!maxBackoff.isEmpty()) {
            return GoFormats.parseDuration(maxBackoff);
        }
        Duration b = backoffDuration();
        return b.compareTo(DEFAULT_MAX_BACKOFF) > 0 ? b : DEFAULT_MAX_BACKOFF;
    }

    /** Healthy (or up) this long ends a series; {@link #DEFAULT_RESET_AFTER} when not given. */
    public Duration resetAfterDuration() {
        return resetAfter.isEmpty() ? DEFAULT_RESET_AFTER : GoFormats.parseDuration(resetAfter);
    }
}
