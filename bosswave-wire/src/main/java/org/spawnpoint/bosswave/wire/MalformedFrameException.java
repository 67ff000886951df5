package org.spawnpoint.bosswave.wire;

import java.io.IOException;

/** A frame that breaks the OOB syntax or this decoder's limits; says which field failed and at what byte offset. */
public class MalformedFrameException extends IOException {
    private final long offset;
    private final String field;

    /** A frame that failed at {@code field}, {@code offset} bytes into the frame, for {@code message}. */
    public MalformedFrameException(String field, long offset, String message) {
        super(message + " (" + field + " at frame offset " + offset + ")");
        this.field = field;
        this.offset = offset;
    }

    /** Offset of the failing byte from the start of the frame. */
    public long offset() {
        return offset;
    }

    /** The part of the frame that failed, e.g. {@code header.length}, {@code kv[2].length}, {@code po[0].type}. */
    public String field() {
        return field;
    }
}
