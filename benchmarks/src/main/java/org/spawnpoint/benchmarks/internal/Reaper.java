package org.spawnpoint.benchmarks.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes the harness started and has not stopped yet: killed when the harness's JVM ends (Ctrl-C, a failed
 * suite), so that no broker or daemon outlives a run.
 */
final class Reaper {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly), "bench-reaper"));
    }

    private Reaper() {
    }

    /** Registers a started process; returns it. */
    static Process watch(Process p) {
        LIVE.add(p);
        p.onExit().thenRun(() -> LIVE.remove(p));
        return p;
    }
}
