package org.spawnpoint.bosswave.internal;

import java.time.Duration;

/**
 * How a request is named in errors, and how long it may wait.
 *
 * @param what          the request as a person would name it ({@code "publish to a/b"})
 * @param timeout       its deadline, or null for the client's default
 * @param untilAccepted true for subscriptions: the deadline ends with the agent's acceptance
 */
record Request(String what, Duration timeout, boolean untilAccepted) {
    static Request of(String what, Duration timeout) {
        return new Request(what, timeout, false);
    }

    static Request of(String what) {
        return new Request(what, null, false);
    }
}
