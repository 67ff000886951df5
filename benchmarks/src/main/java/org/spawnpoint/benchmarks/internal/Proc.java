package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident memory and CPU time, from Linux's /proc. */
public final class Proc {
    /** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on every Linux we run on). */
    static final double TICKS_PER_SECOND = 100;

    private Proc() {
    }

    /** VmRSS of {@code pid} in MiB. */
    public static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }

    /** utime + stime of {@code pid} in seconds (all threads). */
    public static double cpuSeconds(long pid) throws IOException {
        return cpuTicks(Files.readString(Path.of("/proc/" + pid + "/stat"))) / TICKS_PER_SECOND;
    }

    /** utime + stime (fields 14 and 15) of a /proc/<pid>/stat line; the command name may hold spaces and ')'. */
    static long cpuTicks(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        // f[0] is field 3 (state), so field k is f[k - 3]
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }
}
