package org.spawnpoint.spawnable;

/** A failure of a spawnable helper; the message says what is wrong and where. Unchecked. */
public class SpawnableException extends RuntimeException {
    public SpawnableException(String message) {
        super(message);
    }

    public SpawnableException(String message, Throwable cause) {
        super(message, cause);
    }
}
