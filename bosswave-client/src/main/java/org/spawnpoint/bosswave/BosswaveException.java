package org.spawnpoint.bosswave;

/** Base of every error this client throws; unchecked. */
public class BosswaveException extends RuntimeException {
    /** An error with what happened and what to do. */
    public BosswaveException(String message) {
        super(message);
    }

    /** An error with what happened, and its cause. */
    public BosswaveException(String message, Throwable cause) {
        super(message, cause);
    }
}
