package org.spawnpoint.bosswave;

/** The connection to the agent was closed or lost before the reply came. */
public class ConnectionClosedException extends BosswaveException {
    public ConnectionClosedException(String message) {
        super(message);
    }

    public ConnectionClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
