package org.spawnpoint.spawnable;

/** A failure of a spawnable helper; the message says what is wrong and where. Unchecked. */
public class SpawnableException extends RuntimeException {
    /**
     * @param message what went wrong and, where it helps, what to do
     */
    public SpawnableException(String message) {
        super(message);
    }

    /** The same, with the underlying failure. */
    public SpawnableException(String message, Throwable cause) {
        super(message, cause);
    }
}
