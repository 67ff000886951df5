package org.spawnpoint.bosswave;

/** Base of every error this client throws; unchecked. */
public class BosswaveException extends RuntimeException {
    public BosswaveException(String message) {
        super(message);
    }

    public BosswaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
