package org.spawnpoint.spawnclient.model;

import java.time.Instant;
import org.spawnpoint.bosswave.PayloadObject;
import org.spawnpoint.bosswave.PoNum;

/**
 * The spawnpoint heartbeat, PO 2.0.2.1 on {@code IF/signal/heartbeat}, persisted, every 5 s (spawnpoint-0.2.md §2.3).
 * Msgpack keys: {@code Alias Time TotalMem TotalCPUShares AvailableMem AvailableCPUShares}.
 *
 * @param timeNanos          Unix nanoseconds
 * @param totalMem           MiB
 * @param availableMem       MiB; may be negative
 */
public record DaemonHeartbeat(String alias, long timeNanos, long totalMem, long totalCpuShares, long availableMem,
                              long availableCpuShares) {
    public static final int PO_TYPE = PoNum.SPAWNPOINT_HEARTBEAT;

    public DaemonHeartbeat {
        alias = alias == null ? "" : alias;
    }

    public Instant time() {
        return Instants.ofNanos(timeNanos);
    }

    public byte[] encode() {
        return new MsgpackMap.Writer(6)
                .string("Alias", alias)
                .int64("Time", timeNanos)
                .int64("TotalMem", totalMem)
                .int64("TotalCPUShares", totalCpuShares)
                .int64("AvailableMem", availableMem)
                .int64("AvailableCPUShares", availableCpuShares)
                .toBytes();
    }

    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    public static DaemonHeartbeat decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("spawnpoint heartbeat (2.0.2.1)", msgpack);
        return new DaemonHeartbeat(m.string("Alias"), m.integer("Time"), m.integer("TotalMem"),
                m.integer("TotalCPUShares"), m.integer("AvailableMem"), m.integer("AvailableCPUShares"));
    }
}
