package org.spawnpoint.spawnd.backend.docker;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a connection to the engine that has not begun to answer in time, so that a hung engine fails a request
 * instead of holding a service's lifecycle forever. Only the start of the answer is bounded: a streamed body
 * (events, logs, build output) may then take as long as it takes. Blocking reads on Unix-domain channels have no
 * timeout of their own, hence a timer that closes the channel. Its one thread goes when no request is pending.
 */
final class AnswerDeadline {
    private final Duration limit;
    private final ScheduledThreadPoolExecutor timer;

    AnswerDeadline(Duration limit) {
        this.limit = limit;
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(null, r, "docker-answer-deadline", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setKeepAliveTime(10, TimeUnit.SECONDS);
        timer.allowCoreThreadTimeOut(true);
    }

    String describeLimit() {
        return limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
    }

    /** Starts the clock for one request: {@code connection} is closed when the limit passes before {@link Armed#disarm}. */
    Armed arm(Closeable connection) {
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> task = timer.schedule(() -> {
            fired.set(true);
            try {
                connection.close();
            } catch (IOException ignored) {
                // the blocked read fails either way
            }
        }, limit.toNanos(), TimeUnit.NANOSECONDS);
        return new Armed(task, fired);
    }

    record Armed(ScheduledFuture<?> task, AtomicBoolean fired) {
        /** The answer began: the connection is no longer closed by the clock. True if the clock got there first. */
        boolean disarm() {
            task.cancel(false);
            return fired.get();
        }
    }
}
