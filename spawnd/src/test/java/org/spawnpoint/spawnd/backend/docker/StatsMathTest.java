package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.Statistics;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.ResourceStats;

class StatsMathTest {
    private static final double MIB = 1024.0 * 1024.0;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** A sample captured from this engine (cgroup v1) while a container spun on both CPUs. */
    @Test
    void capturedSampleGivesHeartbeatFigures() throws Exception {
        Statistics s;
        try (InputStream in = getClass().getResourceAsStream("/docker/stats-cgroup1-busy.json")) {
            s = json.readValue(in, Statistics.class);
        }
        ResourceStats r = StatsMath.toResourceStats(s);
        assertEquals(Instant.parse("2026-11-25T10:27:40.080353789Z"), r.time());
        assertEquals(626688 / MIB, r.memUsageMiB(), 1e-12);
        assertEquals(736 / MIB, r.networkRxMiB(), 1e-12);
        assertEquals(0, r.networkTxMiB(), 1e-12);
        double expectedCpu = (4046137431.0 - 3056773830.0) / (1711290000000.0 - 1709280000000.0) * 2 * 100;
        assertEquals(expectedCpu, r.cpuPercent(), 1e-9);
        assertEquals(98.44, r.cpuPercent(), 0.01);
    }

    @Test
    void blockIoSumsReadAndWriteEntriesOfEitherCgroupVersion() throws Exception {
        Statistics s = json.readValue("""
                {"read":"2026-11-25T10:00:00Z","blkio_stats":{"io_service_bytes_recursive":[
                  {"major":8,"minor":0,"op":"Read","value":1048576},
                  {"major":8,"minor":0,"op":"Write","value":2097152},
                  {"major":8,"minor":0,"op":"Total","value":3145728},
                  {"major":8,"minor":16,"op":"read","value":1048576},
                  {"major":8,"minor":16,"op":"write","value":0}]}}""", Statistics.class);
        ResourceStats r = StatsMath.toResourceStats(s);
        assertEquals(2.0, r.mbRead(), 1e-12);
        assertEquals(2.0, r.mbWritten(), 1e-12);
        assertEquals(0, r.cpuPercent());
        assertEquals(0, r.memUsageMiB());
    }

    @Test
    void noEarlierSampleMeansZeroCpu() throws Exception {
        Statistics s = json.readValue("""
                {"cpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":0}}}""", Statistics.class);
        // The engine leaves precpu empty on the first sample: system delta 1000, container delta 100, 2 CPUs.
        assertEquals(20.0, StatsMath.toResourceStats(s).cpuPercent(), 1e-12);
        Statistics same = json.readValue("""
                {"cpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000,"online_cpus":2},
                 "precpu_stats":{"cpu_usage":{"total_usage":100},"system_cpu_usage":1000}}""", Statistics.class);
        assertEquals(0, StatsMath.toResourceStats(same).cpuPercent());
    }
}
