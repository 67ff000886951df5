package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.daemon.ServiceState;

/**
 * spawnd survives a restart of the Docker engine: its event stream comes back, the autoRestart service is started
 * again, the other one becomes a zombie, and the pools stay exact. The engine is restarted the way it runs here
 * (systemd's docker unit, or a dockerd process as .ci/ensure-docker starts it).
 */
class SpawndEngineRestartIT {
    @TempDir
    Path dir;
    TestSpawnpoint sp;
    Daemon daemon;

    @AfterEach
    void cleanUp() throws Exception {
        DockerEngine.awaitUp(60);
        if (sp != null) {
            sp.close();
        }
    }

    @Test
    void servicesComeBackAfterTheEngineRestarts() throws Exception {
        sp = TestSpawnpoint.start(dir, "engine");
        daemon = sp.startDaemon("512M", 1024, Map.of());
        List<LogEntry> log = new CopyOnWriteArrayList<>();
        try (BosswaveClient user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build())) {
            user.setEntityFile(sp.userKey);
            user.subscribe(SubscribeParams.uri(SpawnUris.log(sp.path())).autoChain(true),
                    m -> m.payload(PoNum.SPAWNPOINT_LOG).ifPresent(p -> log.add(LogEntry.decode(p.content()))));
            String entity = Base64.getEncoder().encodeToString(Files.readAllBytes(sp.userKey));
            for (String[] svc : new String[][] {{"keeper", "true"}, {"plain", "false"}}) {
                String yaml = "serviceName: " + svc[0] + "\nentity: " + entity + "\nimage: " + TestSpawnpoint.IMAGE
                        + "\nrun: [sleep, '3600']\nmemAlloc: 32M\ncpuShares: 64\nautoRestart: " + svc[1] + "\n";
                user.publish(PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                        .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes())));
            }
            await(() -> log.stream().filter(e -> e.contents().contains("[SUCCESS] Container (re)start successful"))
                    .count() == 2, "both started", log);

            DockerEngine.restart();

            await(() -> daemon.manager().states().get("plain") == ServiceState.ZOMBIE, "plain is a zombie", log);
            await(() -> log.stream().filter(e -> e.service().equals("keeper")
                    && e.contents().contains("[SUCCESS] Container (re)start successful")).count() == 2,
                    "keeper restarted", log);
            assertEquals(ServiceState.RUNNING, daemon.manager().states().get("keeper"));
            assertEquals(512 - 32, daemon.pool().availableMemMiB(), "keeper holds its reservation, the zombie none");
            assertTrue(log.stream().noneMatch(e -> e.contents().contains("Unexpected")), "no lifecycle errors");
        }
    }

    private static void await(java.util.function.BooleanSupplier c, String what, List<LogEntry> log)
            throws InterruptedException {
        long end = System.currentTimeMillis() + 90_000;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                StringBuilder b = new StringBuilder();
                log.forEach(e -> b.append(e.service()).append(": ").append(e.contents()).append('\n'));
                throw new AssertionError("timed out waiting until " + what + "; log:\n" + b);
            }
            Thread.sleep(100);
        }
    }
}
