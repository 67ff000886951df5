package org.spawnpoint.spawnclient.model;

import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * A request for past container logs (0.5, spawnpoint-0.2.md §10.5): generic msgpack PO 2.0.0.0 on
 * {@code IF/slot/logs}, keys {@code SvcName Nonce StartTime}.
 *
 * @param nonce         echoed in every {@link LogsResponse} so that concurrent requests can be told apart
 * @param startTimeSecs Unix seconds
 */
public record LogsRequest(String svcName, long nonce, long startTimeSecs) {
    /** The PO number, 2.0.0.0 (generic msgpack). */
    public static final int PO_TYPE = PoNum.MSGPACK;

    /** A null service name becomes empty. */
    public LogsRequest {
        svcName = svcName == null ? "" : svcName;
    }

    /** The msgpack map, keys as the class comment lists them. */
    public byte[] encode() {
        return new MsgpackMap.Writer(3)
                .string("SvcName", svcName)
                .int64("Nonce", nonce)
                .int64("StartTime", startTimeSecs)
                .toBytes();
    }

    /** The payload object to publish: {@link #PO_TYPE} with {@link #encode()}'s bytes. */
    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    /**
     * Reads a request; unknown keys are skipped.
     *
     * @throws PayloadFormatException naming the payload and what is wrong
     */
    public static LogsRequest decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("logs request (2.0.0.0)", msgpack);
        if (!m.has("SvcName") || !m.has("Nonce")) {
            throw new PayloadFormatException("logs request (2.0.0.0): expected the keys SvcName, Nonce and StartTime");
        }
        return new LogsRequest(m.string("SvcName"), m.integer("Nonce"), m.integer("StartTime"));
    }
}
