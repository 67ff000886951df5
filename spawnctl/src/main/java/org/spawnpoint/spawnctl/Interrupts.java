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

    @SuppressWarnings("removal")
    static void onCtrlC(Runnable action) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (following) {
                    action.run();
                } else {
                    // Anything else (a scan waiting on the router, a prompt) is abandoned, as Ctrl-C means.
                    System.exit(ExitCodes.INTERRUPTED);
                }
            });
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // No SIGINT on this platform or it is reserved: Ctrl-C then ends the JVM the usual way.
        }
    }
}
