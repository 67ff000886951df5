package org.spawnpoint.spawnctl;

/**
 * Start-up work done on a thread of its own while the main thread parses the command line and talks to the router
 * (issue 17): the second core is otherwise idle while spawnctl starts.
 *
 * <ul>
 *   <li>For every command that connects: SLF4J and Logback. The client's classes log, so their first use would set
 *       logging up on the main thread, 15-20 ms of a scan. The main thread waits for it ({@link #awaitLogging}) before
 *       it first touches a class that logs: a logger asked for while SLF4J is still starting would be a stand-in, and
 *       SLF4J reports the calls it replays through one on stderr.</li>
 *   <li>For a deploy: one throwaway seal (BouncyCastle's HPKE, as {@code SealedEntity} seals the entity), whose class
 *       initialization (BouncyCastle's registrar with its JDK logging and security properties) and first run took
 *       60-110 ms of every deploy even with the classes in the archive. The deploy's own seal, later, waits for that
 *       initialization by the JVM's rules if it is still going on.</li>
 * </ul>
 */
final class WarmUp {
    /** Generous: the set-up takes 15-20 ms; past this the main thread goes on and SLF4J copes as above. */
    private static final long WAIT_MILLIS = 5_000;

    private static Thread thread;
    private static volatile boolean loggingReady;

    private WarmUp() {
    }

    /** Starts the warm-up for {@code command} (a name from {@link SpawnCtl#COMMANDS}), once; nothing for others. */
    static synchronized void start(String command) {
        if (thread != null || command == null || command.equals("example")) {
            return;
        }
        thread = new Thread(new Work(command.equals("deploy") || command.equals("deploy-last")), "spawnctl-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the logging set-up that {@link #start} began is done; returns at once when none was. */
    static void awaitLogging() {
        Thread t;
        synchronized (WarmUp.class) {
            t = thread;
        }
        if (t == null || loggingReady) {
            return;
        }
        long deadline = System.nanoTime() + WAIT_MILLIS * 1_000_000L;
        synchronized (WarmUp.class) {
            while (!loggingReady && t.isAlive()) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return;
                }
                try {
                    WarmUp.class.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** A class rather than a lambda: see {@link CtlContext#system}. */
    private static final class Work implements Runnable {
        private final boolean sealing;

        Work(boolean sealing) {
            this.sealing = sealing;
        }

        @Override
        public void run() {
            try {
                org.slf4j.LoggerFactory.getILoggerFactory();
            } finally {
                synchronized (WarmUp.class) {
                    loggingReady = true;
                    WarmUp.class.notifyAll();
                }
            }
            if (sealing) {
                // X25519's base point (u = 9) as the recipient: a valid public key, so no key pair is made (the
                // JDK's XDH, its SecureRandom and key factories were 40% of this thread's CPU, async-profiler).
                byte[] key = new byte[org.spawnpoint.spawnclient.model.SealKeyPair.KEY_BYTES];
                key[0] = 9;
                org.spawnpoint.spawnclient.model.SealedEntity.seal(key, "warm.up/spawnpoint", "warm-up", new byte[1],
                        new byte[1]);
            }
        }
    }
}
