package org.spawnpoint.bosswave;

import java.time.Duration;

/**
 * The agent did not answer a request within its deadline ({@link ClientOptions#requestTimeout()} or the call's own).
 * The connection stays open: a slow answer is not a lost connection, which the liveness check decides on its own.
 */
public class RequestTimeoutException extends BosswaveException {
    private final Duration timeout;

    /**
     * @param address the agent's {@code host:port}
     * @param what    the request, as a person would name it ({@code "query scratch.ns/spawnpoint/+/..."})
     * @param timeout the deadline that passed
     */
    public RequestTimeoutException(String address, String what, Duration timeout) {
        super("no answer from the BOSSWAVE agent at " + address + " to '" + what + "' within "
                + describe(timeout) + " (request deadline); the router may be stopped, overloaded or unreachable");
        this.timeout = timeout;
    }

    /** The same error thrown again, e.g. on the waiting thread with the original as its cause. */
    public RequestTimeoutException(String message, Duration timeout, Throwable cause) {
        super(message, cause);
        this.timeout = timeout;
    }

    /** The deadline that passed. */
    public Duration timeout() {
        return timeout;
    }

    static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
