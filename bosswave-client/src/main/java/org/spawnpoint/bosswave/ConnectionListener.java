package org.spawnpoint.bosswave;

/** Connection lifecycle events; runs on the callback executor. */
@FunctionalInterface
public interface ConnectionListener {
    enum Event { DISCONNECTED, RECONNECTED, CLOSED }

    /** Called on the client's event thread; {@code detail} says why, for a log. */
    void onEvent(Event event, String detail);
}
