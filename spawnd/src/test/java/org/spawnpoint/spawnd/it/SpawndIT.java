package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PayloadObject;
import org.spawnpoint.bosswave.PoNum;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.DaemonConfig;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import org.spawnpoint.spawnd.daemon.CrashBackoff;

/** spawnd in-process against a real router and the real Docker engine, driven over BOSSWAVE like spawnctl does. */
class SpawndIT {
    @TempDir
    static Path dir;
    static TestSpawnpoint sp;
    static Daemon daemon;
    static BosswaveClient user;
    static String instanceId;
    static final List<LogEntry> log = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        sp = TestSpawnpoint.start(dir, "alpha");
        DaemonConfig cfg = DaemonConfig.load(sp.writeConfig("1G", 2048));
        daemon = Daemon.start(cfg, Map.of("room", "410"), id -> {
            instanceId = id;
            return DockerBackend.connect(id);
        }, CrashBackoff.DEFAULT);
        user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build());
        user.setEntityFile(sp.userKey);
        user.subscribe(SubscribeParams.uri(SpawnUris.log(sp.path())).autoChain(true),
                m -> m.payload(PoNum.SPAWNPOINT_LOG).ifPresent(p -> log.add(LogEntry.decode(p.content()))));
    }

    @AfterAll
    static void stop() {
        if (user != null) {
            user.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        if (instanceId != null) {
            TestSpawnpoint.removeOwnedContainers(instanceId);
        }
        if (sp != null) {
            sp.close();
        }
    }

    static LogEntry awaitLog(String service, Predicate<String> what, String description) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            for (LogEntry e : log) {
                if (e.service().equals(service) && what.test(e.contents())) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log of " + service + " with " + description + "; log was:\n" + dump());
    }

    static String dump() {
        StringBuilder b = new StringBuilder();
        log.forEach(e -> b.append(e.service()).append(": ").append(e.contents()).append('\n'));
        return b.toString();
    }

    static void deploy(String yaml, byte[] tar) {
        PublishParams p = PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes()));
        if (tar != null) {
            p.payload(IncludedFiles.toPayloadObject(tar));
        }
        user.publish(p);
    }

    static String config(String name, String run, String extra) throws Exception {
        byte[] entity = Files.readAllBytes(sp.userKey);
        return "serviceName: " + name + "\nentity: " + Base64.getEncoder().encodeToString(entity) + "\nimage: "
                + TestSpawnpoint.IMAGE + "\nrun: " + run + "\nmemAlloc: 64M\ncpuShares: 256\n" + extra;
    }

    @Test
    void heartbeatAndMetadataAreAdvertised() throws Exception {
        Optional<Message> hb = Optional.empty();
        for (int i = 0; i < 100 && hb.isEmpty(); i++) {
            hb = user.queryOne(QueryParams.uri(SpawnUris.heartbeat(sp.path())).autoChain(true));
            Thread.sleep(50);
        }
        DaemonHeartbeat beat = DaemonHeartbeat.decode(hb.orElseThrow().payload(PoNum.SPAWNPOINT_HEARTBEAT)
                .orElseThrow().content());
        assertEquals("alpha", beat.alias());
        assertEquals(1024, beat.totalMem());
        assertEquals(2048, beat.totalCpuShares());
        assertEquals("410", user.getMetadataKey(sp.path() + "/s.spawnpoint", "room").orElseThrow().value());
    }

    @Test
    void deployRunsTheServiceWithItsFilesVolumeAndLimitsThenRestartAndStop() throws Exception {
        Path inc = dir.resolve("inc");
        Files.createDirectories(inc.resolve("conf"));
        Files.writeString(inc.resolve("conf/params.yml"), "greeting: hi\n");
        byte[] tar = IncludedFiles.pack(List.of(), List.of("conf"), inc);
        deploy(config("demo", "[sh, -c, 'cat conf/params.yml; ls -l /srv/spawnpoint/entity.key; echo ready; sleep 600']",
                "volumes: [data]\n"), tar);
        awaitLog("demo", s -> s.contains("[SUCCESS] Container (re)start successful"), "start success");
        awaitLog("demo", s -> s.equals("greeting: hi"), "the included file's content");
        awaitLog("demo", s -> s.startsWith("-r--------") && s.endsWith("/srv/spawnpoint/entity.key"), "entity 0400");
        awaitLog("demo", s -> s.equals("ready"), "the service's output");

        try (DockerClient docker = DockerBackend.newClient()) {
            InspectContainerResponse c = docker.inspectContainerCmd("spawnpoint_demo").exec();
            assertEquals(64L << 20, c.getHostConfig().getMemory());
            assertEquals(256, c.getHostConfig().getCpuShares());
            assertTrue(c.getMounts().stream().anyMatch(m -> "/srv/data".equals(m.getDestination().getPath())),
                    "volume mounted at /srv/data");
            assertTrue(List.of(c.getConfig().getEnv()).contains("BW2_DEFAULT_ENTITY=/srv/spawnpoint/entity.key"));
        }

        Optional<Message> svcHb = Optional.empty();
        for (int i = 0; i < 300 && svcHb.flatMap(m -> m.payload(PoNum.SPAWNPOINT_SVC_HB)).isEmpty(); i++) {
            svcHb = user.queryOne(QueryParams.uri(SpawnUris.serviceHeartbeat(sp.path(), "demo")).autoChain(true));
            Thread.sleep(100);
        }
        ServiceHeartbeat shb = ServiceHeartbeat.decode(svcHb.orElseThrow().payload(PoNum.SPAWNPOINT_SVC_HB)
                .orElseThrow().content());
        assertEquals(64, shb.memAlloc());
        assertEquals(256, shb.cpuShares());
        assertTrue(shb.memUsage() > 0, "memory usage from docker stats");
        String entityB64 = Base64.getEncoder().encodeToString(Files.readAllBytes(sp.userKey));
        assertTrue(shb.originalConfig().contains("memAlloc: 64M"), shb.originalConfig());
        assertTrue(!shb.originalConfig().contains(entityB64.substring(0, 40)), "the published config never carries the entity");

        int readyBefore = (int) log.stream().filter(e -> e.contents().equals("ready")).count();
        user.publish(PublishParams.uri(SpawnUris.restartSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("demo")));
        awaitLog("demo", s -> s.contains("[INFO] Attempting restart"), "restart");
        long end = System.currentTimeMillis() + 30_000;
        while (log.stream().filter(e -> e.contents().equals("ready")).count() <= readyBefore
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(log.stream().filter(e -> e.contents().equals("ready")).count() > readyBefore,
                "output after restart, not replayed history:\n" + dump());

        user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("demo")));
        awaitLog("demo", s -> s.contains("[SUCCESS] Service stopped"), "stop");
        try (DockerClient docker = DockerBackend.newClient()) {
            assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("spawnpoint_demo")).exec()
                    .isEmpty(), "container removed");
        }
        assertEquals(1024, daemon.pool().availableMemMiB());
        assertEquals(2048, daemon.pool().availableCpuShares());
        Optional<Message> cleared = user.queryOne(QueryParams.uri(SpawnUris.serviceHeartbeat(sp.path(), "demo"))
                .autoChain(true));
        for (int i = 0; i < 50 && cleared.map(m -> !m.payloadObjects().isEmpty()).orElse(false); i++) {
            Thread.sleep(100);
            cleared = user.queryOne(QueryParams.uri(SpawnUris.serviceHeartbeat(sp.path(), "demo")).autoChain(true));
        }
        assertTrue(cleared.map(m -> m.payloadObjects().isEmpty()).orElse(true), "persisted heartbeat cleared");
    }

    @Test
    void logsSinceReturnsPastOutputThroughSpawnclient() throws Exception {
        java.time.Instant since = java.time.Instant.now().minusSeconds(5);
        deploy(config("chatty", "[sh, -c, 'for i in 1 2 3; do echo line-$i; done; sleep 600']", ""), null);
        awaitLog("chatty", s -> s.equals("line-3"), "output");
        List<String> lines = new CopyOnWriteArrayList<>();
        org.spawnpoint.spawnclient.SpawnClients.create(user).logs(sp.path(), "chatty", since, lines::add);
        assertEquals(List.of("line-1", "line-2", "line-3"), lines);
        user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("chatty")));
        awaitLog("chatty", s -> s.contains("[SUCCESS] Service stopped"), "stop");
    }

    @Test
    void crashLoopingAutoRestartServiceBacksOffAndIsNeverAbandoned() throws Exception {
        deploy(config("crashy", "[sh, -c, 'echo crashing; exit 7']", "autoRestart: true\n"), null);
        awaitLog("crashy", s -> s.contains("exited with code 7") && s.contains("restarting in 1s"), "first backoff");
        awaitLog("crashy", s -> s.contains("restarting in 2s (crash loop: 2 quick exits in a row)"), "second backoff");
        awaitLog("crashy", s -> s.contains("restarting in 4s (crash loop: 3 quick exits in a row)"), "third backoff");
        assertEquals(1024 - 64, daemon.pool().availableMemMiB(), "the reservation is kept while it waits");
        user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("crashy")));
        awaitLog("crashy", s -> s.contains("[SUCCESS] Service stopped"), "stop");
        assertEquals(1024, daemon.pool().availableMemMiB());
    }

    @Test
    void deadServiceIsAZombieUntilResurrectedThenExpires() throws Exception {
        deploy(config("undead", "[sh, -c, 'echo alive; sleep 1; exit 3']", "zombiePeriod: 4s\n"), null);
        awaitLog("undead", s -> s.contains("[FAILURE] Container stopped: exited with code 3"), "death");
        awaitLog("undead", s -> s.contains("restart it within 4s"), "zombie");
        assertEquals(1024, daemon.pool().availableMemMiB(), "a zombie holds nothing");
        int alive = (int) log.stream().filter(e -> e.contents().equals("alive")).count();
        user.publish(PublishParams.uri(SpawnUris.restartSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("undead")));
        long end = System.currentTimeMillis() + 20_000;
        while (log.stream().filter(e -> e.contents().equals("alive")).count() <= alive && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(log.stream().filter(e -> e.contents().equals("alive")).count() > alive, "resurrected:\n" + dump());
        awaitLog("undead", s -> s.contains("Zombie period over; removing service"), "expiry");
        try (DockerClient docker = DockerBackend.newClient()) {
            assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of("spawnpoint_undead")).exec()
                    .isEmpty(), "container removed after the zombie period");
        }
        assertEquals(1024, daemon.pool().availableMemMiB());
    }

    @Test
    void gitSourceIsClonedAndBuiltWithItsBuildOutputInTheLog() throws Exception {
        try (GitHttpServer git = GitHttpServer.serve(dir.resolve("git"), "hello.txt", "hello from git\n",
                "build.sh", "echo built > built.txt\n")) {
            deploy(config("fromgit", "[sh, -c, 'cat hello.txt built.txt; sleep 600']",
                    "build: [sh build.sh, echo build-step-ran]\n").replace(TestSpawnpoint.IMAGE, "spawnpoint/base:latest")
                    + "source: git+" + git.url() + "\n", null);
            awaitLog("fromgit", s -> s.contains("build-step-ran"), "build output streamed to the log");
            awaitLog("fromgit", s -> s.contains("[SUCCESS] Container (re)start successful"), "start");
            awaitLog("fromgit", s -> s.equals("hello from git"), "the cloned file");
            awaitLog("fromgit", s -> s.equals("built"), "the build step's result");
        }
        user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("fromgit")));
        awaitLog("fromgit", s -> s.contains("[SUCCESS] Service stopped"), "stop");
    }

    @Test
    void badDeploysGetAFailureAndTheDaemonKeepsServing() throws Exception {
        deploy("serviceName: broken\nentity: '@@'\nmemAlloc: 64M\ncpuShares: 10\n", null);
        awaitLog("broken", s -> s.startsWith("[FAILURE] Failed to launch service") && s.contains("entity"), "entity");
        deploy(config("hog", "[sleep, '60']", "").replace("64M", "64G"), null);
        awaitLog("hog", s -> s.contains("Insufficient Spawnpoint memory"), "over-allocation");
        deploy(config("noimage", "[sleep, '60']", "").replace(TestSpawnpoint.IMAGE, "spawnpoint/absent:never"), null);
        awaitLog("noimage", s -> s.startsWith("[FAILURE]"), "a missing image");
        user.publish(PublishParams.uri(SpawnUris.restartSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("ghost")));
        awaitLog("ghost", s -> s.equals("[FAILURE] Service not found"), "unknown service");
        deploy(config("after", "[sleep, '600']", ""), null);
        awaitLog("after", s -> s.contains("[SUCCESS] Container (re)start successful"), "a good deploy after bad ones");
        user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("after")));
        awaitLog("after", s -> s.contains("[SUCCESS] Service stopped"), "stop");
    }
}
