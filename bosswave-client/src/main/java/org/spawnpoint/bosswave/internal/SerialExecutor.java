package org.spawnpoint.bosswave.internal;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time, in submission order, on a shared executor: each subscription gets one, so its messages
 * stay ordered while different subscriptions (and request replies) proceed in parallel.
 */
final class SerialExecutor implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor target;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor target) {
        this.target = target;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (queue) {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        }
        schedule();
    }

    private void schedule() {
        runElsewhere(target, this::drain);
    }

    /**
     * Runs {@code task} on {@code executor}, or, when it refuses (shut down at close, or by its owner), on a new
     * thread: never inline, because the caller may be the reader thread and the task user code.
     */
    static void runElsewhere(Executor executor, Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            Thread t = new Thread(task, "bosswave-callback-late");
            t.setDaemon(true);
            t.start();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (queue) {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException | Error e) {
                LOG.warn("callback failed", e);
            }
        }
    }
}
