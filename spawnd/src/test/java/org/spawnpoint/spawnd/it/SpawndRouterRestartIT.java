package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.Daemon;

/** spawnd keeps serving across a restart of its router: it reconnects, subscribes again and heartbeats again. */
class SpawndRouterRestartIT {
    @TempDir
    Path dir;
    TestSpawnpoint sp;
    Daemon daemon;

    @AfterEach
    void cleanUp() {
        if (sp != null) {
            sp.close();
        }
    }

    @Test
    void reconnectsAndServesAfterTheRouterRestarts() throws Exception {
        sp = TestSpawnpoint.start(dir, "phoenix");
        daemon = sp.startDaemon("512M", 1024, Map.of());
        awaitHeartbeatAfter(Instant.EPOCH);

        sp.restartRouter();
        Instant restarted = Instant.now();
        awaitHeartbeatAfter(restarted);

        List<LogEntry> log = new CopyOnWriteArrayList<>();
        try (BosswaveClient user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build())) {
            user.setEntityFile(sp.userKey);
            user.subscribe(SubscribeParams.uri(SpawnUris.log(sp.path())).autoChain(true),
                    m -> m.payload(PoNum.SPAWNPOINT_LOG).ifPresent(p -> log.add(LogEntry.decode(p.content()))));
            String yaml = "serviceName: again\nentity: " + Base64.getEncoder().encodeToString(
                    Files.readAllBytes(sp.userKey)) + "\nimage: " + TestSpawnpoint.IMAGE
                    + "\nrun: [sleep, '600']\nmemAlloc: 32M\ncpuShares: 64\n";
            long end = System.currentTimeMillis() + 30_000;
            // The daemon resubscribes in the background: publish until a deploy is taken.
            while (log.stream().noneMatch(e -> e.contents().contains("[SUCCESS] Container (re)start successful"))
                    && System.currentTimeMillis() < end) {
                if (log.stream().noneMatch(e -> e.contents().contains("Booting service"))) {
                    user.publish(PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                            .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes())));
                }
                Thread.sleep(500);
            }
            assertTrue(log.stream().anyMatch(e -> e.contents().contains("[SUCCESS] Container (re)start successful")),
                    "a deploy after the router restart succeeds");
        }
    }

    private void awaitHeartbeatAfter(Instant t) throws Exception {
        try (BosswaveClient user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build())) {
            user.setEntityFile(sp.userKey);
            long end = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < end) {
                Optional<Message> m = user.queryOne(QueryParams.uri(SpawnUris.heartbeat(sp.path())).autoChain(true));
                if (m.isPresent() && m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).isPresent() && DaemonHeartbeat.decode(
                        m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).get().content()).time().isAfter(t)) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("no heartbeat after " + t);
    }
}
