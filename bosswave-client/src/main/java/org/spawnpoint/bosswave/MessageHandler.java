package org.spawnpoint.bosswave;

/** Receives the messages of a subscription, one at a time and in order, on the callback executor. */
@FunctionalInterface
public interface MessageHandler {
    void onMessage(Message message);
}
