package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One tiny round of every router measurement against real brokers in their own processes: our router through
 * bin/bw2 (built by the reactor's package phase), Mosquitto and nats-server (.ci/ensure-peers installs them; a missing
 * peer is left out only when CI is not true). Checks that each figure is there for each broker and that nothing was
 * lost; the figures themselves are bin/bench's business.
 */
class RouterSuiteIT {
    private static final boolean CI = "true".equals(System.getenv("CI"));
    private static final RouterSuite.Plan TINY = new RouterSuite.Plan(1, 5_000, 1_000, 2_000, 0.5, 1_000);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void oneTinyRoundOfEachRouterFigureOnEveryBroker() throws Exception {
        Path root = Suites.findRoot(Path.of("").toAbsolutePath());
        if (Files.notExists(root.resolve("bosswave-router/target/lib"))) {
            if (CI) {
                fail("bosswave-router is not packaged (target/lib): run the reactor's verify, not this module alone");
            }
            Assumptions.abort("bosswave-router is not packaged: mvn -DskipTests package first");
        }
        List<Broker> brokers = new ArrayList<>();
        try {
            brokers.add(OurRouter.create(root, Files.createDirectories(dir.resolve("router"))).start());
            for (String peer : List.of("mosquitto", "nats-server")) {
                if (Peers.find(peer) == null) {
                    if (CI) {
                        fail(peer + " is not installed; under CI=true .ci/ensure-peers (bin/test) installs it");
                    }
                    System.err.println("RouterSuiteIT: " + peer + " not installed, left out (CI is not true)");
                    continue;
                }
                brokers.add((peer.equals("mosquitto") ? Peers.mosquitto(dir) : Peers.nats(dir)).start());
            }
            Path out = dir.resolve("out");
            List<Row> rows = RouterSuite.run(brokers, TINY, out);
            assertEquals(10, rows.size(), () -> Tables.markdown(rows));
            for (Row r : rows) {
                // CPU time comes in 10 ms ticks: a tiny run of a fast broker may cost none
                double least = r.figure().startsWith("broker CPU") ? 0 : Double.MIN_VALUE;
                assertTrue(r.ours() != null && r.ours().median() >= least, () -> "no figure of ours: " + r);
                assertEquals(brokers.size() - 1, r.peers().size(), () -> "a peer's figure is missing: " + r);
                for (Map.Entry<String, Stats> e : r.peers().entrySet()) {
                    assertTrue(e.getValue().median() >= least, () -> e.getKey() + " measured nothing: " + r);
                }
            }
            assertEquals("no message lost", rows.get(0).note(), () -> Tables.markdown(rows));
            for (String f : List.of("latency.png", "throughput.png", "latency-router.hgrm")) {
                assertTrue(Files.size(out.resolve(f)) > 0, f);
            }
        } finally {
            for (Broker b : brokers) {
                b.close();
            }
        }
    }
}
