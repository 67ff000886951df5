package org.spawnpoint.spawnable;

/**
 * {@link Spawnable#connect()} could not reach the BOSSWAVE agent. Unlike a missing variable or entity file this may
 * pass (the agent may still be starting), so it is the one worth retrying, for example with {@link Backoff#retry}.
 */
public class AgentUnreachableException extends SpawnableException {
    public AgentUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
