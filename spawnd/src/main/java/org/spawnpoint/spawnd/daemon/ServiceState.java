package org.spawnpoint.spawnd.daemon;

/** Where a service is in its life. */
public enum ServiceState {
    /** Image being prepared or container being started. */
    BOOTING,
    /** Its container runs. */
    RUNNING,
    /** Its container died and an automatic restart is scheduled (resources stay reserved). */
    RESTART_WAIT,
    /** Its container died without autoRestart: restartable until its zombie period ends (resources returned). */
    ZOMBIE,
    /**
     * Its restart policy's {@code maxRestarts} was reached: spawnd stopped restarting it (container kept, stopped;
     * resources stay reserved) until a restart by hand, a redeploy or a stop.
     */
    GIVEN_UP
}
