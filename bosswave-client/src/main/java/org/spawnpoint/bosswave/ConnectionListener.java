package org.spawnpoint.bosswave;

/** Connection lifecycle events; runs on the callback executor. */
@FunctionalInterface
public interface ConnectionListener {
    enum Event { DISCONNECTED, RECONNECTED, CLOSED }

    void onEvent(Event event, String detail);
}
