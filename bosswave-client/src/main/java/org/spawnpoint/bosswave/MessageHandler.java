package org.spawnpoint.bosswave;

/** Receives the messages of a subscription, one at a time and in order, on the callback executor. */
@FunctionalInterface
public interface MessageHandler {
    /** Called for each message, one at a time per subscription and in order. */
    void onMessage(Message message);
}
