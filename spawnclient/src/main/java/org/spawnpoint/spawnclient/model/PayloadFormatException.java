package org.spawnpoint.spawnclient.model;

/** A payload object that cannot be decoded; the message names the payload, the key and what was expected. */
public class PayloadFormatException extends IllegalArgumentException {
    /** @param message the payload concerned and what is wrong with it */
    public PayloadFormatException(String message) {
        super(message);
    }

    /** The same, with the decoder's failure. */
    public PayloadFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
