package org.spawnpoint.bosswave;

import org.spawnpoint.bosswave.payload.PayloadObject;

/** An interface of a service (bw2bind {@code Interface}). */
public interface ServiceInterface {
    String uri();

    default String signalUri(String signal) {
        return uri() + "/signal/" + signal;
    }

    default String slotUri(String slot) {
        return uri() + "/slot/" + slot;
    }

    /** Publishes on {@code signal/<name>}, persisted and autochained, as bw2bind does. */
    void publishSignal(String signal, PayloadObject... pos);

    Subscription subscribeSlot(String slot, MessageHandler handler);

    void setMetadata(String key, String value);
}
