package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InterleaveTest {
    private static final List<String> THREE = List.of("spawnctl deploy", "docker run -d", "docker-java create+start");

    @Test
    void eachRoundStartsOneFurtherAlong() {
        assertEquals(THREE, Interleave.order(THREE, 0));
        assertEquals(List.of("docker run -d", "docker-java create+start", "spawnctl deploy"),
                Interleave.order(THREE, 1));
        assertEquals(List.of("docker-java create+start", "spawnctl deploy", "docker run -d"),
                Interleave.order(THREE, 2));
        assertEquals(Interleave.order(THREE, 1), Interleave.order(THREE, 4));
        assertEquals(Interleave.order(THREE, 2), Interleave.order(THREE, -1));
        assertEquals(List.of(), Interleave.order(List.of(), 3));
    }

    @Test
    void overAMultipleOfTheCountEverySubjectTakesEveryPlaceAlike() {
        Map<String, int[]> places = new HashMap<>();
        for (int r = 1; r <= 9; r++) {
            List<String> o = Interleave.order(THREE, r);
            assertEquals(3, o.stream().distinct().count(), "each subject once a round: " + o);
            for (int i = 0; i < o.size(); i++) {
                places.computeIfAbsent(o.get(i), k -> new int[3])[i]++;
            }
        }
        places.values().forEach(p -> assertEquals(List.of(3, 3, 3), List.of(p[0], p[1], p[2])));
    }

    @Test
    void aSeriesOfThreeSubjectsMakesOneRowWithTwoPeersAndTheirRatios() {
        Series own = new Series(List.of("spawnd", "docker-java create+start", "docker run -d"));
        for (double[] r : new double[][] {{400, 200, 300}, {500, 100, 350}, {450, 150, 320}}) {
            own.add("spawnd", r[0]);
            own.add("docker-java create+start", r[1]);
            own.add("docker run -d", r[2]);
        }
        Row row = own.row("deploy", "spawnd's own share", "ms");
        assertEquals(new Stats(400, 450, 500, 3), row.ours());
        assertEquals(List.of("docker-java create+start", "docker run -d"), List.copyOf(row.peers().keySet()));
        assertEquals(3.0, Stats.ratio(row.ours(), row.peers().get("docker-java create+start")), 1e-9);
        assertEquals(450.0 / 320, Stats.ratio(row.ours(), row.peers().get("docker run -d")), 1e-9);
        String md = Tables.markdown(List.of(row));
        assertEquals(true, md.contains("docker-java create+start 100 / 150 / 200"), md);
        assertEquals(true, md.contains("3.00× docker-java create+start"), md);
    }
}
