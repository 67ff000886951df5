package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;

/**
 * spawnd as a separate process, killed with SIGKILL while services run, then started again: every container is
 * re-adopted (or restarted when it died meanwhile), the pools are exact, and output is not replayed.
 */
class SpawndCrashIT {
    @TempDir
    Path dir;
    TestSpawnpoint sp;
    BosswaveClient user;
    Process spawnd;
    List<LogEntry> log = new CopyOnWriteArrayList<>();

    /** Follows the spawnpoint's log as its user (also the connection the test requests with). */
    private void followLog() {
        ServiceLog l = ServiceLog.follow(sp);
        user = l.user;
        log = l.entries;
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (spawnd != null) {
            spawnd.destroyForcibly().waitFor();
        }
        if (user != null) {
            user.close();
        }
        Path id = dir.resolve("state-crash/instance-id");
        if (Files.exists(id)) {
            TestSpawnpoint.removeOwnedContainers(Files.readString(id).trim());
        }
        if (sp != null) {
            sp.close();
        }
    }

    Process startSpawnd(Path config, String logName) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.spawnpoint.spawnd.SpawndMain", "run", "-c",
                config.toString()));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve(logName).toFile()).start();
    }

    LogEntry awaitLog(String service, Predicate<String> what, String description) throws Exception {
        long end = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < end) {
            for (LogEntry e : log) {
                if (e.service().equals(service) && what.test(e.contents())) {
                    return e;
                }
            }
            if (!spawnd.isAlive()) {
                throw new AssertionError("spawnd exited: " + Files.readString(dir.resolve("spawnd-2.log")));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log of " + service + " with " + description);
    }

    DaemonHeartbeat heartbeatAfter(Instant t) throws Exception {
        long end = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < end) {
            Optional<Message> m = user.queryOne(QueryParams.uri(SpawnUris.heartbeat(sp.path())).autoChain(true));
            if (m.isPresent() && m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).isPresent()) {
                DaemonHeartbeat hb = DaemonHeartbeat.decode(m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).get().content());
                if (hb.time().isAfter(t)) {
                    return hb;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no heartbeat after " + t);
    }

    void deploy(String name, String run, boolean autoRestart) throws Exception {
        String yaml = "serviceName: " + name + "\nentity: " + Base64.getEncoder().encodeToString(
                Files.readAllBytes(sp.userKey)) + "\nimage: " + TestSpawnpoint.IMAGE + "\nrun: " + run
                + "\nmemAlloc: 64M\ncpuShares: 128\nautoRestart: " + autoRestart + "\n";
        user.publish(PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes())));
    }

    static int maxTick(List<LogEntry> entries, String service) {
        Pattern p = Pattern.compile("tick-(\\d+)");
        int max = 0;
        for (LogEntry e : entries) {
            Matcher m = p.matcher(e.contents());
            if (e.service().equals(service) && m.matches()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max;
    }

    @Test
    void sigkilledSpawndReadoptsEveryServiceWithExactPools() throws Exception {
        sp = TestSpawnpoint.start(dir, "crash");
        Path config = sp.writeConfig("1G", 1024);
        followLog();

        spawnd = startSpawnd(config, "spawnd-1.log");
        heartbeatAfter(Instant.EPOCH);
        String ticker = "[sh, -c, 'i=0; while true; do i=$((i+1)); echo tick-$i; sleep 0.3; done']";
        deploy("alpha1", ticker, false);
        deploy("alpha2", "[sleep, '600']", false);
        deploy("phoenix", "[sh, -c, 'echo risen; sleep 600']", true);
        for (String s : List.of("alpha1", "alpha2", "phoenix")) {
            awaitLog(s, c -> c.contains("[SUCCESS] Container (re)start successful"), "start");
        }
        awaitLog("alpha1", c -> c.equals("tick-3"), "ticks");
        assertEquals(1024 - 3 * 64, heartbeatAfter(Instant.now()).availableMem());

        spawnd.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook runs
        Instant killed = Instant.now();
        try (DockerClient docker = DockerBackend.newClient()) {
            docker.killContainerCmd(TestSpawnpoint.containerName(
                    Files.readString(dir.resolve("state-crash/instance-id")).trim(), "phoenix")).exec();
        }
        Thread.sleep(1500);
        int ticksBefore = maxTick(log, "alpha1");
        log.clear();

        spawnd = startSpawnd(config, "spawnd-2.log");
        awaitLog("alpha1", c -> c.contains("Re-adopted running container"), "alpha1 adoption");
        awaitLog("alpha2", c -> c.contains("Re-adopted running container"), "alpha2 adoption");
        awaitLog("phoenix", c -> c.contains("died while spawnd was down; restarting it"), "phoenix restart");
        awaitLog("phoenix", c -> c.equals("risen"), "phoenix output after restart");
        DaemonHeartbeat hb = heartbeatAfter(Instant.now());
        assertEquals(1024 - 3 * 64, hb.availableMem(), "pools exact after re-adoption");
        assertEquals(1024 - 3 * 128, hb.availableCpuShares());

        awaitLog("alpha1", c -> c.startsWith("tick-"), "ticks after adoption");
        int firstAfter = Integer.MAX_VALUE;
        Pattern p = Pattern.compile("tick-(\\d+)");
        for (LogEntry e : log) {
            Matcher m = p.matcher(e.contents());
            if (e.service().equals("alpha1") && m.matches()) {
                firstAfter = Math.min(firstAfter, Integer.parseInt(m.group(1)));
            }
        }
        assertTrue(firstAfter > ticksBefore, "no replay of old output: first tick after adoption " + firstAfter
                + ", last before the kill " + ticksBefore + " (killed at " + killed + ")");
        String out = Files.readString(dir.resolve("spawnd-2.log"));
        assertTrue(out.contains("Recovery done: 3 services adopted"), out);
    }

    /**
     * Issue 11: a SIGKILL in the middle of a burst of deploys. After the restart, every container with this spawnd's
     * label is running and accounted for (adopted, or made again by the resumed deploy); none is left "created" or
     * exited with the entity inside, and the pools are exact.
     */
    @Test
    void sigkillDuringABurstOfDeploysLeavesNoContainerUnowned() throws Exception {
        sp = TestSpawnpoint.start(dir, "crash");
        Path config = sp.writeConfig("2G", 4096);
        followLog();
        spawnd = startSpawnd(config, "spawnd-1.log");
        heartbeatAfter(Instant.EPOCH);
        String instance = Files.readString(dir.resolve("state-crash/instance-id")).trim();
        Map<String, String> mine = Map.of(Labels.INSTANCE, instance);
        try (DockerClient docker = DockerBackend.newClient()) {
            for (int i = 0; i < 10; i++) {
                deploy("burst" + i, "[sleep, '600']", false);
            }
            // Killed as soon as the first container exists: the others are being created, filled or started.
            long end = System.currentTimeMillis() + 30_000;
            List<Container> atKill = List.of();
            while (atKill.isEmpty() && System.currentTimeMillis() < end) {
                atKill = docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec();
            }
            spawnd.destroyForcibly().waitFor();
            atKill = docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec();
            long runningAtKill = atKill.stream().filter(c -> "running".equals(c.getState())).count();
            System.out.println("At the kill: " + atKill.size() + " containers, " + runningAtKill + " running, states "
                    + atKill.stream().map(Container::getState).toList());
            assertTrue(runningAtKill < 10, "the kill landed in the middle of the burst");

            spawnd = startSpawnd(config, "spawnd-2.log");
            long until = System.currentTimeMillis() + 90_000;
            String why = "";
            while (System.currentTimeMillis() < until) {
                List<Container> now = docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec();
                long running = now.stream().filter(c -> "running".equals(c.getState())).count();
                long services = now.stream().map(c -> c.getLabels().get(Labels.SERVICE)).distinct().count();
                DaemonHeartbeat hb = heartbeatAfter(Instant.now());
                why = now.size() + " containers " + now.stream().map(Container::getState).toList() + ", " + services
                        + " services, available " + hb.availableMem() + " MiB / " + hb.availableCpuShares() + " shares";
                if (running == now.size() && services == now.size() && hb.availableMem() == 2048 - 64 * running
                        && hb.availableCpuShares() == 4096 - 128 * running
                        && Files.readString(dir.resolve("spawnd-2.log")).contains("Recovery done")) {
                    System.out.println("After recovery: " + why);
                    return;
                }
                Thread.sleep(200);
            }
            throw new AssertionError("not every container of spawnd is running and accounted for: " + why + "\n"
                    + Files.readString(dir.resolve("spawnd-2.log")));
        }
    }
}
