package org.spawnpoint.spawnctl;

/**
 * Sets up SLF4J and Logback on a thread of their own while picocli parses the command line, for the commands that
 * connect to a router: the client's classes log, so their first use would set logging up on the main thread, 15-20 ms
 * of a scan's start-up (issue 17) that otherwise runs next to picocli's on the second core.
 *
 * <p>The main thread waits for it ({@link #await}) before it first touches a class that logs: a logger asked for
 * while SLF4J is still starting would be a stand-in, and SLF4J reports the calls it replays through one on stderr.
 */
final class LoggingWarmUp {
    /** Generous: the set-up takes 15-20 ms; past this the main thread goes on and SLF4J copes as above. */
    private static final long WAIT_MILLIS = 5_000;

    private static Thread thread;

    private LoggingWarmUp() {
    }

    /** Starts the set-up, once. */
    static synchronized void start() {
        if (thread == null) {
            thread = new Thread(new SetUp(), "spawnctl-logging");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Waits for a set-up that {@link #start} began; returns at once when none was. */
    static void await() {
        Thread t;
        synchronized (LoggingWarmUp.class) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        try {
            t.join(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A class rather than a lambda: see {@link CtlContext#system}. */
    private static final class SetUp implements Runnable {
        @Override
        public void run() {
            org.slf4j.LoggerFactory.getILoggerFactory();
        }
    }
}
