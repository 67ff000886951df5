package org.spawnpoint.spawnd.backend;

/** A container engine operation failed; the message says which and why. */
public class BackendException extends RuntimeException {
    /** @param message which operation failed and why */
    public BackendException(String message) {
        super(message);
    }

    /** The same, with the engine's or the transport's failure. */
    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
