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
    public static final int PO_TYPE = PoNum.SPAWNPOINT_LOG;

    public LogEntry {
        spAlias = spAlias == null ? "" : spAlias;
        service = service == null ? "" : service;
        contents = contents == null ? "" : contents;
    }

    public Instant time() {
        return Instants.ofNanos(timeNanos);
    }

    public byte[] encode() {
        return new MsgpackMap.Writer(4)
                .int64("Time", timeNanos)
                .string("SPAlias", spAlias)
                .string("Service", service)
                .string("Contents", contents)
                .toBytes();
    }

    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    public static LogEntry decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("log message (2.0.2.0)", msgpack);
        return new LogEntry(m.integer("Time"), m.string("SPAlias"), m.string("Service"), m.string("Contents"));
    }
}
