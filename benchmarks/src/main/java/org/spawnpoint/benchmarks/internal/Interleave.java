package org.spawnpoint.benchmarks.internal;

import java.util.ArrayList;
import java.util.List;

/** The order of the subjects in one interleaved round: each round starts one further along, so none is always first. */
final class Interleave {
    private Interleave() {
    }

    /** {@code subjects} rotated left by {@code round} (mod their count): round 0 as given, round 1 from the second. */
    static <T> List<T> order(List<T> subjects, int round) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        int n = subjects.size();
        int shift = Math.floorMod(round, n);
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(subjects.get((i + shift) % n));
        }
        return List.copyOf(out);
    }
}
