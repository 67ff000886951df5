package org.spawnpoint.spawnctl;

/** spawnctl's exit codes. */
public final class ExitCodes {
    /** Done, or a followed log ended with Ctrl-C. */
    public static final int OK = 0;
    /** The operation failed: the spawnpoint, service, config or a file was not as needed. */
    public static final int FAILURE = 1;
    /** The command line was wrong: unknown option, missing parameter. */
    public static final int USAGE = 2;
    /** The BOSSWAVE router could not be reached, or the connection was lost. */
    public static final int UNAVAILABLE = 3;
    /** Ctrl-C while not following a log (a scan waiting on the router, a prompt): 128 + SIGINT. */
    public static final int INTERRUPTED = 130;

    private ExitCodes() {
    }
}
