package org.spawnpoint.spawnd.backend;

/** A container engine operation failed; the message says which and why. */
public class BackendException extends RuntimeException {
    public BackendException(String message) {
        super(message);
    }

    public BackendException(String message, Throwable cause) {
        super(message, cause);
    }
}
