package org.spawnpoint.spawnd.backend;

import java.time.Instant;

/**
 * One resource sample of a container, in the units of the Spawnpoint 0.2 service heartbeat (spawnpoint-0.2.md §2.4).
 *
 * @param time        when the engine took the sample
 * @param memUsageMiB memory in use, MiB (Docker's {@code memory_stats.usage} / 2^20)
 * @param networkRxMiB received over all interfaces, MiB
 * @param networkTxMiB sent over all interfaces, MiB
 * @param mbRead      block I/O read, MiB (sum of {@code io_service_bytes_recursive} entries with op {@code Read})
 * @param mbWritten   block I/O written, MiB (same, op {@code Write})
 * @param cpuPercent  CPU use over the sample interval, 100 per fully used core
 */
public record ResourceStats(Instant time, double memUsageMiB, double networkRxMiB, double networkTxMiB, double mbRead,
                            double mbWritten, double cpuPercent) {
}
