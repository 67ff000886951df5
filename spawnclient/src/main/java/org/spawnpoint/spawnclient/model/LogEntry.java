package org.spawnpoint.spawnclient.model;

import java.time.Instant;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * A log message, PO 2.0.2.0 on {@code IF/signal/log} (spawnpoint-0.2.md §2.5). Msgpack keys:
 * {@code Time SPAlias Service Contents}. Daemon events are texts tagged {@code [INFO]}, {@code [SUCCESS]} or
 * {@code [FAILURE]}; container output is raw.
 */
public record LogEntry(long timeNanos, String spAlias, String service, String contents) {
    /** The PO number, 2.0.2.0. */
    public static final int PO_TYPE = PoNum.SPAWNPOINT_LOG;

    /** Null texts become empty. */
    public LogEntry {
        spAlias = spAlias == null ? "" : spAlias;
        service = service == null ? "" : service;
        contents = contents == null ? "" : contents;
    }

    /** {@code timeNanos} as an instant. */
    public Instant time() {
        return Instants.ofNanos(timeNanos);
    }

    /** The msgpack map, keys as the class comment lists them. */
    public byte[] encode() {
        return new MsgpackMap.Writer(4)
                .int64("Time", timeNanos)
                .string("SPAlias", spAlias)
                .string("Service", service)
                .string("Contents", contents)
                .toBytes();
    }

    /** The payload object to publish: {@link #PO_TYPE} with {@link #encode()}'s bytes. */
    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    /**
     * Reads a log message; unknown keys are skipped.
     *
     * @throws PayloadFormatException naming the payload and what is wrong
     */
    public static LogEntry decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("log message (2.0.2.0)", msgpack);
        return new LogEntry(m.integer("Time"), m.string("SPAlias"), m.string("Service"), m.string("Contents"));
    }
}
