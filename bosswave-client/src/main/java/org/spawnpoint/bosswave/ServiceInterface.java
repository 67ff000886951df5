package org.spawnpoint.bosswave;

import org.spawnpoint.bosswave.payload.PayloadObject;

/** An interface of a service (bw2bind {@code Interface}). */
public interface ServiceInterface {
    /** The interface's URI: {@code serviceUri/prefix/name}, as registered. */
    String uri();

    /** Where signal {@code signal} is published: {@code uri/signal/NAME}. */
    default String signalUri(String signal) {
        return uri() + "/signal/" + signal;
    }

    /** Where slot {@code slot} is listened to: {@code uri/slot/NAME}. */
    default String slotUri(String slot) {
        return uri() + "/slot/" + slot;
    }

    /** Publishes on {@code signal/<name>}, persisted and autochained, as bw2bind does. */
    void publishSignal(String signal, PayloadObject... pos);

    /** Subscribes to {@code slot/NAME} of this interface. */
    Subscription subscribeSlot(String slot, MessageHandler handler);

    /** Sets metadata {@code key} on the interface's URI (PO 2.0.3.1, persisted). */
    void setMetadata(String key, String value);
}
