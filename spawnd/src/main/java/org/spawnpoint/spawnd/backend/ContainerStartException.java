package org.spawnpoint.spawnd.backend;

/**
 * A service's container could not be created or started. When it got as far as running, {@link #exit()} says how it
 * ended (exit code, OOM kill, engine error, last output lines); the container has been removed.
 */
public class ContainerStartException extends BackendException {
    private final transient ContainerExit exit;

    /**
     * @param message what could not be done
     * @param exit    how the container ended, or null if it never ran (its summary is appended to the message)
     * @param cause   the engine's failure, or null
     */
    public ContainerStartException(String message, ContainerExit exit, Throwable cause) {
        super(exit == null ? message : message + ": " + exit.summary(), cause);
        this.exit = exit;
    }

    /** How the container ended, or {@code null} if it was never created. */
    public ContainerExit exit() {
        return exit;
    }
}
