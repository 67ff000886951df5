package org.spawnpoint.bosswave;

/** The connection to the agent was closed or lost before the reply came. */
public class ConnectionClosedException extends BosswaveException {
    /** The connection is gone (or never came up), with why. */
    public ConnectionClosedException(String message) {
        super(message);
    }

    /** The connection is gone (or never came up), with why and its cause. */
    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
