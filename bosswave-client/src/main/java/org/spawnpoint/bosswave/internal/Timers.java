package org.spawnpoint.bosswave.internal;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one timer thread that every connection of the process shares for request deadlines and liveness probes (as
 * nats.java's cleanup timer). Its tasks only look at clocks, fail futures and close sockets, so one thread serves all.
 */
final class Timers {
    private static final ScheduledThreadPoolExecutor TIMER = create();

    private Timers() {
    }

    static ScheduledThreadPoolExecutor timer() {
        return TIMER;
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "bosswave-timer");
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }
}
