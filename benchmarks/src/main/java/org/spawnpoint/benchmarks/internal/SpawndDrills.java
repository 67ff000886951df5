package org.spawnpoint.benchmarks.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * spawnd {@code kill -9} drills, each printing what was tried and what survived: with its services running, and in the
 * middle of a burst of deploys. After the restart: which services kept their container (re-adopted), which are in a
 * new one, missing, duplicated, containers left created but not running, and whether the pools spawnd reports match
 * what runs (64 MiB and 256 CPU shares a service).
 */
final class SpawndDrills {
    private static final String CONFIG_SLOT = Spawnd.PATH + "/s.spawnpoint/server/i.spawnpoint/slot/config";

    private SpawndDrills() {
    }

    /** kill -9 spawnd with its services running, restart it, and look {@code waitSeconds} later. */
    static Row killWithServices(Spawnd spawnd, int waitSeconds) throws Exception {
        Map<String, String> before = byService(spawnd);
        spawnd.kill9();
        double upMs = spawnd.start();
        Thread.sleep(waitSeconds * 1000L); // re-adoption and any restarts
        Map<String, List<String>> after = runningByService(spawnd);
        int kept = 0;
        int restarted = 0;
        int missing = 0;
        int duplicated = 0;
        for (Map.Entry<String, String> e : before.entrySet()) {
            List<String> now = after.getOrDefault(e.getKey(), List.of());
            if (now.isEmpty()) {
                missing++;
            } else if (now.contains(e.getValue())) {
                kept++;
            } else {
                restarted++;
            }
            if (now.size() > 1) {
                duplicated++;
            }
        }
        long leftovers = after.keySet().stream().filter(s -> !before.containsKey(s)).count()
                + notRunning(spawnd);
        String outcome = String.format("tried: kill -9 spawnd with %d services running, restart (up again in "
                + "%.1f s), %d s later; survived: %d kept their container (re-adopted), %d in a new container, %d "
                + "missing, %d duplicated, %d leftovers; %s", before.size(), upMs / 1e3, waitSeconds, kept,
                restarted, missing, duplicated, leftovers, pools(spawnd, after));
        RouterSuite.log("drill spawnd kill -9: %s", outcome);
        return Row.drill("spawnd kill -9 with " + before.size() + " services", outcome);
    }

    /**
     * Publishes {@code burst} deploy configs at once on spawnd's config slot (as spawnctl deploy does, without waiting
     * for each), kill -9 spawnd once the first of them has a container, restart it, and look {@code waitSeconds}
     * later at what became of the burst.
     */
    static Row killDuringBurst(Broker router, Spawnd spawnd, Path dir, int burst, int waitSeconds) throws Exception {
        Map<String, String> before = byService(spawnd);
        String entity = Base64.getEncoder().encodeToString(Files.readAllBytes(OurRouter.keys(dir).resolve("user.key")));
        List<String> names = new ArrayList<>();
        try (Client c = Client.open(router)) {
            for (int i = 0; i < burst; i++) {
                String name = "burst" + i;
                names.add(name);
                String yaml = "serviceName: " + name + "\nentity: " + entity + "\nimage: " + Docker.IMAGE
                        + "\nrun: [sh, -c, \"echo first line; trap 'exit 0' TERM; sleep 3600 & wait\"]\n"
                        + "memAlloc: 64M\ncpuShares: 256\n";
                c.out().write(FrameCodec.encode(Frame.builder("publ", 10 + i).kv("autochain", "true")
                        .kv("uri", CONFIG_SLOT).kv("elaborate_pac", "partial").kv("doverify", "true")
                        .kv("persist", "false").po(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG,
                                yaml.getBytes(StandardCharsets.UTF_8))).build()));
            }
            c.out().flush();
            for (int i = 0; i < burst; i++) {
                if (!c.in().awaitReply()) {
                    throw new java.io.IOException("deploy publish refused: " + c.in().error());
                }
            }
        }
        // spawnd's own log says first when a container started (docker ps polling lagged seconds behind under load)
        long deadline = System.nanoTime() + 60_000_000_000L;
        int startedBeforeKill;
        while ((startedBeforeKill = spawnd.started(names)) == 0) {
            if (System.nanoTime() > deadline) {
                throw new java.io.IOException("none of the burst's services started within 60 s");
            }
            Thread.sleep(10);
        }
        spawnd.kill9();
        double upMs = spawnd.start();
        Thread.sleep(waitSeconds * 1000L);
        Map<String, List<String>> after = runningByService(spawnd);
        int running = 0;
        int duplicated = 0;
        for (String n : names) {
            List<String> ids = after.getOrDefault(n, List.of());
            running += ids.isEmpty() ? 0 : 1;
            duplicated += ids.size() > 1 ? 1 : 0;
        }
        long earlierKept = before.keySet().stream().filter(after::containsKey).count();
        String outcome = String.format("tried: %d deploys published at once, kill -9 spawnd as soon as its log said %d "
                + "of them had started, restart (up again in %.1f s), %d s later; survived: %d of the burst "
                + "running, %d with no container running (never started, or not re-adopted), %d duplicated, %d "
                + "containers left not running, %d of %d earlier services still running; %s", burst,
                startedBeforeKill, upMs / 1e3, waitSeconds, running, burst - running, duplicated,
                notRunning(spawnd), earlierKept, before.size(), pools(spawnd, after));
        RouterSuite.log("drill spawnd kill -9 during a burst: %s", outcome);
        return Row.drill("spawnd kill -9 during a burst of " + burst + " deploys", outcome);
    }

    /** What spawnd's pools say after recovery against what runs. */
    private static String pools(Spawnd spawnd, Map<String, List<String>> running) throws Exception {
        long[] r = spawnd.lastRecovery();
        if (r == null) {
            return "spawnd logged no recovery summary";
        }
        long n = running.values().stream().mapToLong(List::size).sum();
        long mib = Spawnd.POOL_MIB - 64 * r[0];
        long shares = Spawnd.POOL_SHARES - 256 * r[0];
        boolean ok = r[1] == mib && r[2] == shares && r[0] <= n;
        return String.format("pools after recovery: %d adopted, %d MiB and %d CPU shares free (%s)", r[0], r[1], r[2],
                ok ? "match 64 MiB / 256 shares per adopted service" : "MISMATCH: expected " + mib + " MiB, "
                        + shares + " shares");
    }

    private static Map<String, String> byService(Spawnd spawnd) throws Exception {
        Map<String, String> m = new HashMap<>();
        runningByService(spawnd).forEach((k, v) -> m.put(k, v.get(0)));
        return m;
    }

    private static Map<String, List<String>> runningByService(Spawnd spawnd) throws Exception {
        Map<String, List<String>> m = new HashMap<>();
        for (String id : Docker.running(Docker.INSTANCE_LABEL, spawnd.instance)) {
            m.computeIfAbsent(Docker.label(id, Docker.SERVICE_LABEL), k -> new ArrayList<>()).add(id);
        }
        return m;
    }

    private static int notRunning(Spawnd spawnd) throws Exception {
        return Docker.containers(Docker.INSTANCE_LABEL, spawnd.instance).size()
                - Docker.running(Docker.INSTANCE_LABEL, spawnd.instance).size();
    }
}
