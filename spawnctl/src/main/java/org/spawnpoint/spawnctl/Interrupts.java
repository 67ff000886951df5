package org.spawnpoint.spawnctl;

/**
 * Ctrl-C handling: following a log ends with Ctrl-C, and that is a normal end (exit 0), not a crash. The JVM's own
 * SIGINT handling would run shutdown hooks and exit 130, so the signal is taken over while spawnctl runs.
 */
final class Interrupts {
    /** True while a log is being followed: Ctrl-C then ends the follow normally instead of the process. */
    static volatile boolean following;

    private Interrupts() {
    }

    /** On Ctrl-C: completes {@code interrupt} while a log is followed, else exits with 130. */
    static void onCtrlC(java.util.concurrent.CompletableFuture<Void> interrupt) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), new Handler(interrupt));
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No SIGINT on this platform or it is reserved: Ctrl-C then ends the JVM the usual way.
        }
    }

    /** A class rather than a lambda: see {@link CtlContext#system}. */
    private static final class Handler implements sun.misc.SignalHandler {
        private final java.util.concurrent.CompletableFuture<Void> interrupt;

        Handler(java.util.concurrent.CompletableFuture<Void> interrupt) {
            this.interrupt = interrupt;
        }

        @Override
        public void handle(sun.misc.Signal sig) {
            if (following) {
                interrupt.complete(null);
            } else {
                // Anything else (a scan waiting on the router, a prompt) is abandoned, as Ctrl-C means.
                System.exit(ExitCodes.INTERRUPTED);
            }
        }
    }
}
