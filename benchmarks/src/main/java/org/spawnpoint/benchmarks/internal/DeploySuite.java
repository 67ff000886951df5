package org.spawnpoint.benchmarks.internal;

import java.nio.file.Path;
import java.util.List;

/** Deploy latency and spawnd's footprint: see run. */
final class DeploySuite {
    private DeploySuite() {
    }

    static List<Row> run(Path root, Path work, boolean quick) throws Exception {
        throw new UnsupportedOperationException("deploy suite: not written yet");
    }
}
