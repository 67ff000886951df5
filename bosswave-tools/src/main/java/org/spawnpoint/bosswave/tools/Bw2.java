package org.spawnpoint.bosswave.tools;

import org.spawnpoint.bosswave.router.RouterMain;

/**
 * {@code bw2} as bin/bw2 runs it: every command of the router's own command line ({@code router}, {@code init},
 * {@code mkentity}, {@code mkdot}, {@code mkalias}, {@code revoke}, {@code inspect}), with {@code --agent HOST:PORT}
 * reaching a running router through the client ({@link ClientRegistry}).
 */
public final class Bw2 {
    private Bw2() {
    }

    /** Runs {@code bw2 args} and exits with its code (0 done, 1 failed, 2 bad usage). */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code bw2 args} in this JVM; returns the exit code, as {@link #main} exits with it. */
    public static int run(String... args) {
        return RouterMain.run(args, new ClientRegistry());
    }
}
