package org.spawnpoint.spawnclient.model;

/** A payload object that cannot be decoded; the message names the payload, the key and what was expected. */
public class PayloadFormatException extends IllegalArgumentException {
    public PayloadFormatException(String message) {
        super(message);
    }

    public PayloadFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
