package org.spawnpoint.spawnclient.model;

import java.time.Instant;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * A service heartbeat, PO 2.0.2.2 on {@code IF/signal/heartbeat/<svc>}, persisted (spawnpoint-0.2.md §2.4). Msgpack
 * keys: {@code SpawnpointURI Name Time MemAlloc CPUShares MemUsage NetworkRx NetworkTx MbRead MbWritten CPUPercent},
 * plus {@code OriginalConfig} (0.3 and later; left out when empty, and never holding the entity) and {@code State}
 * (this port: {@code running}, or why not, e.g. a crash loop's next restart; left out when empty). Go decoders skip
 * map keys they do not know, so 0.2 clients read these heartbeats as before.
 * <p>Fleet operations (issue 16) add four more optional keys, each left out when empty or zero: {@code Health}
 * ({@code starting}, {@code healthy} or {@code unhealthy}; only for services with a health check), {@code HealthDetail}
 * (the last failed check's text), {@code Restarts} (restarts since the last deploy) and {@code StartedAt} (when the
 * running container started, Unix nanoseconds, for uptime). {@code State} may also be {@code given-up}.
 *
 * @param spawnpointUri the daemon's configured path {@code P}
 * @param memAlloc      MiB reserved
 * @param memUsage      MiB in use
 * @param networkRx     MiB received
 * @param mbRead        MiB read from block devices
 * @param cpuPercent    100 means one full core
 * @param health        {@code starting}, {@code healthy}, {@code unhealthy}, or empty without a health check
 * @param healthDetail  the last failed check's text, or empty
 * @param restarts      restarts since the last deploy
 * @param startedAtNanos when the running container started (Unix nanoseconds), or 0
 */
public record ServiceHeartbeat(String spawnpointUri, String name, long timeNanos, long memAlloc, long cpuShares,
                               double memUsage, double networkRx, double networkTx, double mbRead, double mbWritten,
                               double cpuPercent, String originalConfig, String state, String health,
                               String healthDetail, long restarts, long startedAtNanos) {
    /** The PO number, 2.0.2.2. */
    public static final int PO_TYPE = PoNum.SPAWNPOINT_SVC_HB;

    /** Null texts become empty. */
    public ServiceHeartbeat {
        spawnpointUri = spawnpointUri == null ? "" : spawnpointUri;
        name = name == null ? "" : name;
        originalConfig = originalConfig == null ? "" : originalConfig;
        state = state == null ? "" : state;
        health = health == null ? "" : health;
        healthDetail = healthDetail == null ? "" : healthDetail;
    }

    /** A heartbeat with a state but no health, restart count or start time. */
    public ServiceHeartbeat(String spawnpointUri, String name, long timeNanos, long memAlloc, long cpuShares,
                            double memUsage, double networkRx, double networkTx, double mbRead, double mbWritten,
                            double cpuPercent, String originalConfig, String state) {
        this(spawnpointUri, name, timeNanos, memAlloc, cpuShares, memUsage, networkRx, networkTx, mbRead, mbWritten,
                cpuPercent, originalConfig, state, "", "", 0, 0);
    }

    /** A heartbeat without a state, as 0.x daemons send. */
    public ServiceHeartbeat(String spawnpointUri, String name, long timeNanos, long memAlloc, long cpuShares,
                            double memUsage, double networkRx, double networkTx, double mbRead, double mbWritten,
                            double cpuPercent, String originalConfig) {
        this(spawnpointUri, name, timeNanos, memAlloc, cpuShares, memUsage, networkRx, networkTx, mbRead, mbWritten,
                cpuPercent, originalConfig, "");
    }

    /** {@code timeNanos} as an instant. */
    public Instant time() {
        return Instants.ofNanos(timeNanos);
    }

    /**
     * CPU use in shares (1024 per core): {@code ceil(CPUPercent / 100 × 1024)}. The original multiplied the
     * percentage by 1024 as if it were a fraction, 100 times too high (spawnpoint-0.2.md §9.1 item 12).
     */
    public long cpuShareUsage() {
        return (long) Math.ceil(cpuPercent / 100.0 * 1024);
    }

    /** The msgpack map, keys as the class comment lists them. */
    public byte[] encode() {
        int optional = (originalConfig.isEmpty() ? 0 : 1) + (state.isEmpty() ? 0 : 1) + (health.isEmpty() ? 0 : 1)
                + (healthDetail.isEmpty() ? 0 : 1) + (restarts == 0 ? 0 : 1) + (startedAtNanos == 0 ? 0 : 1);
        MsgpackMap.Writer w = new MsgpackMap.Writer(11 + optional)
                .string("SpawnpointURI", spawnpointUri)
                .string("Name", name)
                .int64("Time", timeNanos)
                .int64("MemAlloc", memAlloc)
                .int64("CPUShares", cpuShares)
                .float64("MemUsage", memUsage)
                .float64("NetworkRx", networkRx)
                .float64("NetworkTx", networkTx)
                .float64("MbRead", mbRead)
                .float64("MbWritten", mbWritten)
                .float64("CPUPercent", cpuPercent);
        if (!originalConfig.isEmpty()) {
            w.string("OriginalConfig", originalConfig);
        }
        if (!state.isEmpty()) {
            w.string("State", state);
        }
        if (!health.isEmpty()) {
            w.string("Health", health);
        }
        if (!healthDetail.isEmpty()) {
            w.string("HealthDetail", healthDetail);
        }
        if (restarts != 0) {
            w.int64("Restarts", restarts);
        }
        if (startedAtNanos != 0) {
            w.int64("StartedAt", startedAtNanos);
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
    public static ServiceHeartbeat decode(byte[] msgpack) {
        MsgpackMap m = MsgpackMap.decode("service heartbeat (2.0.2.2)", msgpack);
        return new ServiceHeartbeat(m.string("SpawnpointURI"), m.string("Name"), m.integer("Time"),
                m.integer("MemAlloc"), m.integer("CPUShares"), m.real("MemUsage"), m.real("NetworkRx"),
                m.real("NetworkTx"), m.real("MbRead"), m.real("MbWritten"), m.real("CPUPercent"),
                m.string("OriginalConfig"), m.string("State"), m.string("Health"), m.string("HealthDetail"),
                m.integer("Restarts"), m.integer("StartedAt"));
    }
}
