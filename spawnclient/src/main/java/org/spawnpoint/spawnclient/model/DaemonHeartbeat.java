package org.spawnpoint.spawnclient.model;

import java.time.Instant;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * The spawnpoint heartbeat, PO 2.0.2.1 on {@code IF/signal/heartbeat}, persisted, every 5 s (spawnpoint-0.2.md §2.3).
 * Msgpack keys: {@code Alias Time TotalMem TotalCPUShares AvailableMem AvailableCPUShares}, and from this port on
 * the optional {@code SealKey} (bin 32): the spawnpoint's X25519 public key, which says that it accepts
 * {@code sealedEntity} ({@link SealedEntity}). 0.2 decoders skip the unknown key; without it the first six keys are
 * written byte for byte as before.
 *
 * @param timeNanos          Unix nanoseconds
 * @param totalMem           MiB
 * @param availableMem       MiB; may be negative
 * @param sealKey            32 bytes, or empty when the spawnpoint does not accept sealed configs (0.2)
 */
public record DaemonHeartbeat(String alias, long timeNanos, long totalMem, long totalCpuShares, long availableMem,
                              long availableCpuShares, byte[] sealKey) {
    /** The PO number, 2.0.2.1. */
    public static final int PO_TYPE = PoNum.SPAWNPOINT_HEARTBEAT;

    /** A null alias becomes empty; the seal key is copied (null: none). */
    public DaemonHeartbeat {
        alias = alias == null ? "" : alias;
        sealKey = sealKey == null ? new byte[0] : sealKey.clone();
    }

    /** A heartbeat without {@code SealKey}, as a 0.2 spawnpoint sends it. */
    public DaemonHeartbeat(String alias, long timeNanos, long totalMem, long totalCpuShares, long availableMem,
                           long availableCpuShares) {
        this(alias, timeNanos, totalMem, totalCpuShares, availableMem, availableCpuShares, null);
    }

    /** {@code timeNanos} as an instant. */
    public Instant time() {
        return Instants.ofNanos(timeNanos);
    }

    /** The advertised seal key (a copy); empty when the spawnpoint takes only the plain {@code entity}. */
    @Override
    public byte[] sealKey() {
        return sealKey.clone();
    }

    /** True when the spawnpoint advertises a usable seal key. */
    public boolean acceptsSealed() {
        return sealKey.length == SealKeyPair.KEY_BYTES;
    }

    /** The msgpack map, keys as the class comment lists them. */
    public byte[] encode() {
        MsgpackMap.Writer w = new MsgpackMap.Writer(sealKey.length == 0 ? 6 : 7)
                .string("Alias", alias)
                .int64("Time", timeNanos)
                .int64("TotalMem", totalMem)
                .int64("TotalCPUShares", totalCpuShares)
                .int64("AvailableMem", availableMem)
                .int64("AvailableCPUShares", availableCpuShares);
        if (sealKey.length != 0) {
            w.bin("SealKey", sealKey);
        }
        return w.toBytes();
    }

    /** The payload object to publish: {@link #PO_TYPE} with {@link #encode()}'s bytes. */
    public PayloadObject toPayloadObject() {
        return PayloadObject.of(PO_TYPE, encode());
    }

    /**
     * Reads a heartbeat; unknown keys are skipped.
     *
     * @throws PayloadFormatException naming the payload and what is wrong
     */
    public static DaemonHeartbeat decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("spawnpoint heartbeat (2.0.2.1)", msgpack);
        return new DaemonHeartbeat(m.string("Alias"), m.integer("Time"), m.integer("TotalMem"),
                m.integer("TotalCPUShares"), m.integer("AvailableMem"), m.integer("AvailableCPUShares"),
                m.bytes("SealKey"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DaemonHeartbeat h && h.alias.equals(alias) && h.timeNanos == timeNanos
                && h.totalMem == totalMem && h.totalCpuShares == totalCpuShares && h.availableMem == availableMem
                && h.availableCpuShares == availableCpuShares && java.util.Arrays.equals(h.sealKey, sealKey);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(alias, timeNanos, totalMem, availableMem) * 31 + java.util.Arrays.hashCode(sealKey);
    }

    @Override
    public String toString() {
        return "DaemonHeartbeat[" + alias + ", " + timeNanos + ", " + totalMem + "/" + availableMem + " MiB, "
                + totalCpuShares + "/" + availableCpuShares + " shares"
                + (sealKey.length == 0 ? "" : ", SealKey " + SealKeyPair.fingerprint(sealKey) + "…") + "]";
    }
}
