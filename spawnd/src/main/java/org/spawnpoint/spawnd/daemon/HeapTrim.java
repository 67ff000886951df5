package org.spawnpoint.spawnd.daemon;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives back to the system the heap that a burst of lifecycle work grew. A burst of deploys (engine answers,
 * Dockerfiles, manifests) promotes short-lived objects into the old generation, and the serial collector only
 * shrinks the heap at a full collection, which a mostly idle daemon never reaches on its own. So once lifecycle work
 * has been quiet for a while, one full collection runs; with {@code -XX:-ShrinkHeapInSteps} (bin/spawnd's default)
 * it returns the whole excess at once. A daemon that is never busy never collects this way.
 */
final class HeapTrim {
    private static final Logger LOG = LoggerFactory.getLogger(HeapTrim.class);

    /** Runs {@code task} after {@code delayNanos}; false when it cannot (shutting down). */
    @FunctionalInterface
    interface Timer {
        boolean schedule(Runnable task, long delayNanos);
    }

    private final Timer timer;
    private final LongSupplier clock;
    private final long quietNanos;
    private final Runnable collect;
    private long lastActivity;
    private boolean scheduled;

    HeapTrim(ScheduledExecutorService timers, long quietMillis) {
        this(onExecutor(timers), System::nanoTime, quietMillis, HeapTrim::collectAndLog);
    }

    /** With the timer and clock given (tests drive both; nothing here reads the wall clock itself). */
    HeapTrim(Timer timer, LongSupplier clock, long quietMillis, Runnable collect) {
        this.timer = timer;
        this.clock = clock;
        this.quietNanos = TimeUnit.MILLISECONDS.toNanos(quietMillis);
        this.collect = collect;
    }

    private static Timer onExecutor(ScheduledExecutorService timers) {
        return (task, delayNanos) -> {
            try {
                timers.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
                return true;
            } catch (RejectedExecutionException e) {
                return false; // shutting down
            }
        };
    }

    /** Lifecycle work happened: the trim waits until it has been quiet for the whole quiet period. */
    synchronized void activity() {
        lastActivity = clock.getAsLong();
        if (!scheduled) {
            scheduled = timer.schedule(this::check, quietNanos);
        }
    }

    private void check() {
        synchronized (this) {
            long quietFor = clock.getAsLong() - lastActivity;
            if (quietFor < quietNanos) {
                scheduled = timer.schedule(this::check, quietNanos - quietFor);
                return;
            }
            scheduled = false;
        }
        collect.run();
    }

    private static void collectAndLog() {
        Runtime rt = Runtime.getRuntime();
        long before = rt.totalMemory();
        System.gc();
        LOG.debug("Heap trimmed after lifecycle work: {} KiB committed, was {} KiB", rt.totalMemory() / 1024,
                before / 1024);
    }
}
