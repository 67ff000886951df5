package org.spawnpoint.spawnd.backend;

/**
 * A service's container could not be created or started. When it got as far as running, {@link #exit()} says how it
 * ended (exit code, OOM kill, engine error, last output lines); the container has been removed.
 */
public class ContainerStartException extends BackendException {
    private final transient ContainerExit exit;

    public ContainerStartException(String message, ContainerExit exit, Throwable cause) {
        super(exit == null ? message : message + ": " + exit.summary(), cause);
        this.exit = exit;
    }

    /** How the container ended, or {@code null} if it was never created. */
    public ContainerExit exit() {
        return exit;
    }
}
