package org.spawnpoint.spawnable;

/**
 * {@link Spawnable#connect()} could not reach the BOSSWAVE agent. Unlike a missing variable or entity file this may
 * pass (the agent may still be starting), so it is the one worth retrying, for example with {@link Backoff#retry}.
 */
public class AgentUnreachableException extends SpawnableException {
    /**
     * @param message the agent's address and why it could not be reached
     * @param cause the connection failure
     */
    public AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
