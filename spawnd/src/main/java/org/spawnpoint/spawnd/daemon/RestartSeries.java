package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * The automatic restarts of one service since its deploy, and the current series of them (restarts not separated by
 * {@link CrashBackoff#resetAfter()} of health, or of uptime without a health check). Pure bookkeeping on a clock the
 * caller passes in, so that it is tested without waiting. Not thread-safe: used on the service's serial executor.
 */
final class RestartSeries {
    /** What to do after a crash or an unhealthy verdict. */
    record Decision(boolean givenUp, Duration delay, int inARow) {
    }

    private final DoubleSupplier random;
    private int inARow;
    private long total;
    /** Since when the service has been healthy (or up, without a health check); null while it is not. */
    private Instant goodSince;

    RestartSeries(DoubleSupplier random) {
        this.random = random;
    }

    /** Healthy (or up, without a check) from {@code now} on, unless already so. */
    void good(Instant now) {
        if (goodSince == null) {
            goodSince = now;
        }
    }

    /** Not healthy any more (or not up). */
    void notGood() {
        goodSince = null;
    }

    /**
     * True if the service has been good for {@code policy.resetAfter()} by {@code now}: the series ends (its count
     * goes back to 0). Checked before each decision, and by the caller to report the reset.
     */
    boolean resetIfStable(Instant now, CrashBackoff policy) {
        if (inARow > 0 && goodSince != null && Duration.between(goodSince, now).compareTo(policy.resetAfter()) >= 0) {
            inARow = 0;
            return true;
        }
        return false;
    }

    /** The service went down (crash or unhealthy) at {@code now}: restart after a delay, or give up. */
    Decision next(Instant now, CrashBackoff policy, Duration restartInterval) {
        resetIfStable(now, policy);
        goodSince = null;
        if (policy.maxRestarts() > 0 && inARow >= policy.maxRestarts()) {
            return new Decision(true, Duration.ZERO, inARow);
        }
        inARow++;
        total++;
        return new Decision(false, policy.jittered(restartInterval, inARow, random.getAsDouble()), inARow);
    }

    /** A deploy or a restart by hand: a new series (the total counts since the last deploy). */
    void startOver(boolean deployed) {
        inARow = 0;
        goodSince = null;
        if (deployed) {
            total = 0;
        }
    }

    /** The count read back from a manifest after spawnd restarted. */
    void restore(long restarts) {
        total = Math.max(0, restarts);
    }

    int inARow() {
        return inARow;
    }

    /** Automatic restarts since the last deploy. */
    long total() {
        return total;
    }
}
