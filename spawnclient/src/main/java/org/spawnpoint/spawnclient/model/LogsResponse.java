package org.spawnpoint.spawnclient.model;

import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * One batch of past log lines (0.5, spawnpoint-0.2.md §10.5): PO 2.0.0.0 on {@code IF/signal/logs/<svc>}, keys
 * {@code Nonce Messages}; at most 1024 lines per batch, and an empty batch marks the end.
 */
public record LogsResponse(long nonce, List<String> messages) {
    /** The PO number, 2.0.0.0 (generic msgpack). */
    public static final int PO_TYPE = PoNum.MSGPACK;
    /** Most lines in one batch. */
    public static final int MAX_BATCH = 1024;

    /** The lines are copied (unmodifiable). */
    public LogsResponse {
        messages = List.copyOf(messages);
    }

    /** Whether this is the empty batch that ends the answer. */
    public boolean isEnd() {
        return messages.isEmpty();
    }

    /** The msgpack map, keys as the class comment lists them. */
    public byte[] encode() {
        return new MsgpackMap.Writer(2).int64("Nonce", nonce).strings("Messages", messages).toBytes();
    }

    /** The payload object to publish: {@link #PO_TYPE} with {@link #encode()}'s bytes. */
    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    /**
     * Reads a batch; unknown keys are skipped.
     *
     * @throws PayloadFormatException naming the payload and what is wrong
     */
    public static LogsResponse decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("logs response (2.0.0.0)", msgpack);
        return new LogsResponse(m.integer("Nonce"), m.strings("Messages"));
    }
}
