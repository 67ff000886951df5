package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.model.BlkioStatEntry;
import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.api.model.StatisticNetworksConfig;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.spawnpoint.spawnd.backend.ResourceStats;

/** Turns one Docker stats sample into the figures of a Spawnpoint service heartbeat (spawnpoint-0.2.md §2.4). */
final class StatsMath {
    private static final double MIB = 1024.0 * 1024.0;

    private StatsMath() {
    }

    static ResourceStats toResourceStats(Statistics s) {
        Instant time;
        try {
            time = s.getRead() == null ? Instant.now() : Instant.parse(s.getRead());
        } catch (DateTimeParseException e) {
            time = Instant.now();
        }
        double mem = s.getMemoryStats() == null ? 0 : orZero(s.getMemoryStats().getUsage()) / MIB;
        double rx = 0;
        double tx = 0;
        Map<String, StatisticNetworksConfig> networks = s.getNetworks();
        if (networks != null) {
            for (StatisticNetworksConfig n : networks.values()) {
                rx += orZero(n.getRxBytes());
                tx += orZero(n.getTxBytes());
            }
        }
        double read = 0;
        double written = 0;
        List<BlkioStatEntry> io = s.getBlkioStats() == null ? null : s.getBlkioStats().getIoServiceBytesRecursive();
        if (io != null) {
            for (BlkioStatEntry e : io) {
                // cgroup v1 reports "Read"/"Write", cgroup v2 "read"/"write".
                if ("read".equalsIgnoreCase(e.getOp())) {
                    read += orZero(e.getValue());
                } else if ("write".equalsIgnoreCase(e.getOp())) {
                    written += orZero(e.getValue());
                }
            }
        }
        return new ResourceStats(time, mem, rx / MIB, tx / MIB, read / MIB, written / MIB,
                cpuPercent(s.getCpuStats(), s.getPreCpuStats()));
    }

    /** (Δ container CPU time / Δ system CPU time) × CPUs × 100, or 0 when there is no earlier sample to compare. */
    static double cpuPercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return 0;
        }
        double cpuDelta = orZero(now.getCpuUsage().getTotalUsage()) - orZero(before.getCpuUsage().getTotalUsage());
        double systemDelta = orZero(now.getSystemCpuUsage()) - orZero(before.getSystemCpuUsage());
        if (systemDelta <= 0 || cpuDelta < 0) {
            return 0;
        }
        long cpus = orZero(now.getOnlineCpus());
        if (cpus == 0) {
            cpus = Objects.requireNonNullElse(now.getCpuUsage().getPercpuUsage(), List.of()).size();
        }
        return cpuDelta / systemDelta * Math.max(cpus, 1) * 100.0;
    }

    private static long orZero(Long v) {
        return v == null ? 0 : v;
    }
}
