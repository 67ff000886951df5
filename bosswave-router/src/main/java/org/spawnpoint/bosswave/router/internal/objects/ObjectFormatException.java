package org.spawnpoint.bosswave.router.internal.objects;

/** Bytes that do not form a valid bw2 object; the message names the object and the field that failed. */
public class ObjectFormatException extends Exception {
    public ObjectFormatException(String message) {
        super(message);
    }
}
