package org.spawnpoint.bosswave.internal;

import java.time.Duration;

/**
 * A request waiting for its replies: its sink, what to call it in an error, and its deadline. The deadline moves
 * forward with every reply of a stream (a long query that keeps answering is not cut) and ends for good once a
 * subscription has been accepted.
 */
final class Pending {
    final ReplySink sink;
    final String what;
    final Duration timeout;
    private final boolean untilAccepted;
    /** System.nanoTime() after which the request fails; Long.MAX_VALUE for none. */
    private volatile long deadline;

    Pending(ReplySink sink, String what, Duration timeout, boolean untilAccepted, long now) {
        this.sink = sink;
        this.what = what;
        this.timeout = timeout;
        this.untilAccepted = untilAccepted;
        this.deadline = now + timeout.toNanos();
    }

    /** A reply arrived at {@code now}. */
    void answered(long now) {
        deadline = untilAccepted ? Long.MAX_VALUE : now + timeout.toNanos();
    }

    boolean expired(long now) {
        long d = deadline;
        return d != Long.MAX_VALUE && now - d > 0;
    }
}
