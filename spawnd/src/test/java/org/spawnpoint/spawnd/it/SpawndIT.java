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
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;

/** spawnd in-process against a real router and the real Docker engine, driven over BOSSWAVE like spawnctl does. */
class SpawndIT {
    @TempDir
    static Path dir;
    static TestSpawnpoint sp;
    static Daemon daemon;
    static BosswaveClient user;
    static String instanceId;
    static ServiceLog serviceLog;
    static List<LogEntry> log;

    @BeforeAll
    static void start() throws Exception {
        sp = TestSpawnpoint.start(dir, "alpha");
        daemon = sp.startDaemon("1G", 2048, Map.of("room", "410"));
        instanceId = sp.instanceId;
        serviceLog = ServiceLog.follow(sp);
        user = serviceLog.user;
        log = serviceLog.entries;
    }

    @AfterAll
    static void stop() {
        if (serviceLog != null) {
            serviceLog.close();
        }
        if (sp != null) {
            sp.close();
        }
    }

    static LogEntry awaitLog(String service, Predicate<String> what, String description) throws InterruptedException {
        return serviceLog.await(service, what, description);
    }

    static String dump() {
        return serviceLog.dump();
    }

    static void deploy(String yaml, byte[] tar) {
        PublishParams p = PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes()));
        if (tar != null) {
            p.payload(IncludedFiles.toPayloadObject(tar));
        }
        user.publish(p);
    }

    /** Publishes {@code name} on the restart or stop slot, as spawnctl does. */
    static void request(String slotUri, String name) {
        user.publish(PublishParams.uri(slotUri).autoChain(true).payload(PayloadObject.ofString(name)));
    }

    /** Stops {@code name} and waits for the daemon to report it stopped. */
    static void stopAndAwait(String name) throws InterruptedException {
        request(SpawnUris.stopSlot(sp.path()), name);
        awaitLog(name, s -> s.contains("[SUCCESS] Service stopped"), "stop");
    }

    /** The Docker name of service {@code svc}'s container. */
    static String container(String svc) {
        return TestSpawnpoint.containerName(instanceId, svc);
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
            InspectContainerResponse c = docker.inspectContainerCmd(container("demo")).exec();
            assertEquals(64L << 20, c.getHostConfig().getMemory());
            assertEquals(256, c.getHostConfig().getCpuShares());
            assertTrue(c.getMounts().stream().anyMatch(m -> "/srv/data".equals(m.getDestination().getPath())),
                    "volume mounted at /srv/data");
            assertTrue(List.of(c.getConfig().getEnv()).contains("BW2_DEFAULT_ENTITY=/srv/spawnpoint/entity.key"));
        }

        // The first heartbeat goes out with the start, before any stats sample; a later one carries docker's stats.
        ServiceHeartbeat shb = null;
        for (int i = 0; i < 300 && (shb == null || shb.memUsage() <= 0); i++) {
            Optional<Message> svcHb = user.queryOne(QueryParams.uri(SpawnUris.serviceHeartbeat(sp.path(), "demo"))
                    .autoChain(true));
            Optional<org.spawnpoint.bosswave.payload.PayloadObject> po = svcHb.flatMap(m -> m.payload(PoNum.SPAWNPOINT_SVC_HB));
            shb = po.isPresent() ? ServiceHeartbeat.decode(po.get().content()) : null;
            Thread.sleep(100);
        }
        assertTrue(shb != null, "a service heartbeat");
        assertEquals(64, shb.memAlloc());
        assertEquals(256, shb.cpuShares());
        assertTrue(shb.memUsage() > 0, "memory usage from docker stats");
        String entityB64 = Base64.getEncoder().encodeToString(Files.readAllBytes(sp.userKey));
        assertTrue(shb.originalConfig().contains("memAlloc: 64M"), shb.originalConfig());
        assertTrue(!shb.originalConfig().contains(entityB64.substring(0, 40)), "the published config never carries the entity");

        int readyBefore = (int) log.stream().filter(e -> e.contents().equals("ready")).count();
        request(SpawnUris.restartSlot(sp.path()), "demo");
        awaitLog("demo", s -> s.contains("[INFO] Attempting restart"), "restart");
        long end = System.currentTimeMillis() + 30_000;
        while (log.stream().filter(e -> e.contents().equals("ready")).count() <= readyBefore
                && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(log.stream().filter(e -> e.contents().equals("ready")).count() > readyBefore,
                "output after restart, not replayed history:\n" + dump());

        stopAndAwait("demo");
        try (DockerClient docker = DockerBackend.newClient()) {
            assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(container("demo"))).exec()
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
        stopAndAwait("chatty");
    }

    @Test
    void crashLoopingAutoRestartServiceBacksOffAndIsNeverAbandoned() throws Exception {
        deploy(config("crashy", "[sh, -c, 'echo crashing; exit 7']", "autoRestart: true\n"), null);
        // Without restartPolicy: 1 s doubling (less up to a fifth of jitter), never giving up.
        awaitLog("crashy", s -> s.contains("exited with code 7") && s.matches(".*restarting in (8\\d\\dms|9\\d\\dms|1s)"),
                "first backoff");
        LogEntry second = awaitLog("crashy", s -> s.matches(".*restarting in (1[6-9]\\d\\dms|2s) \\(restart 2 in a row\\)"),
                "second backoff");
        assertTrue(second.contents().contains("exited with code 7; last output: crashing; restarting"),
                "the last output is this run's, not every run's: " + second.contents());
        awaitLog("crashy", s -> s.matches(".*restarting in (3[2-9]\\d\\dms|4s) \\(restart 3 in a row\\)"), "third backoff");
        assertEquals(1024 - 64, daemon.pool().availableMemMiB(), "the reservation is kept while it waits");
        stopAndAwait("crashy");
        assertEquals(1024, daemon.pool().availableMemMiB());
    }

    @Test
    void deadServiceIsAZombieUntilResurrectedThenExpires() throws Exception {
        deploy(config("undead", "[sh, -c, 'echo alive; sleep 1; exit 3']", "zombiePeriod: 4s\n"), null);
        awaitLog("undead", s -> s.contains("[FAILURE] Container stopped: exited with code 3"), "death");
        awaitLog("undead", s -> s.contains("restart it within 4s"), "zombie");
        assertEquals(1024, daemon.pool().availableMemMiB(), "a zombie holds nothing");
        int alive = (int) log.stream().filter(e -> e.contents().equals("alive")).count();
        request(SpawnUris.restartSlot(sp.path()), "undead");
        long end = System.currentTimeMillis() + 20_000;
        while (log.stream().filter(e -> e.contents().equals("alive")).count() <= alive && System.currentTimeMillis() < end) {
            Thread.sleep(50);
        }
        assertTrue(log.stream().filter(e -> e.contents().equals("alive")).count() > alive, "resurrected:\n" + dump());
        awaitLog("undead", s -> s.contains("Zombie period over; removing service"), "expiry");
        try (DockerClient docker = DockerBackend.newClient()) {
            long removedBy = System.currentTimeMillis() + 20_000;
            while (!docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(container("undead"))).exec()
                    .isEmpty() && System.currentTimeMillis() < removedBy) {
                Thread.sleep(100);
            }
            assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(container("undead"))).exec()
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
        stopAndAwait("fromgit");
    }

    /** One tar entry named {@code name}, written by hand so that it can hold what no packer would write. */
    static String rawTar(String name) {
        byte[] tar = new byte[512 * 4];
        byte[] n = name.getBytes();
        System.arraycopy(n, 0, tar, 0, n.length);
        put(tar, 100, "0000644\0");
        put(tar, 108, "0000000\0");
        put(tar, 116, "0000000\0");
        put(tar, 124, "00000000001\0");
        put(tar, 136, "00000000000\0");
        tar[156] = '0';
        put(tar, 257, "ustar\0");
        put(tar, 263, "00");
        for (int i = 148; i < 156; i++) {
            tar[i] = ' ';
        }
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += tar[i] & 255;
        }
        put(tar, 148, String.format("%06o\0 ", sum));
        tar[512] = 'x';
        return Base64.getEncoder().encodeToString(tar);
    }

    private static void put(byte[] b, int at, String s) {
        byte[] v = s.getBytes();
        System.arraycopy(v, 0, b, at, v.length);
    }

    /** The catalogue: each bad deploy gets a [FAILURE] naming the problem, nothing is reserved or left running. */
    @Test
    void badDeploysGetAFailureAndTheDaemonKeepsServing() throws Exception {
        String e = Base64.getEncoder().encodeToString(Files.readAllBytes(sp.userKey));
        String ok = "entity: " + e + "\nimage: " + TestSpawnpoint.IMAGE + "\nrun: [sleep, '60']\n";
        String[][] bad = {
            // {service the failure is logged under, YAML, included tar (base64) or "", expected text}
            {"", "{{{", "", "not valid YAML"},
            {"", "- a\n- b\n", "", "mapping"},
            {"", "", "", "empty"},
            {"b04", "serviceName: b04\nmemAlloc: 64M\ncpuShares: 10\n", "", "'entity'"},
            {"b05", "serviceName: b05\nentity: '@@'\nmemAlloc: 64M\ncpuShares: 10\n", "", "'entity'"},
            {"b06", "serviceName: b06\n" + ok + "cpuShares: 10\n", "", "'memAlloc'"},
            {"b07", "serviceName: b07\n" + ok + "memAlloc: 512\ncpuShares: 10\n", "", "'memAlloc'"},
            {"b08", "serviceName: b08\n" + ok + "memAlloc: 1.5G\ncpuShares: 10\n", "", "'memAlloc'"},
            {"b09", "serviceName: b09\n" + ok + "memAlloc: -1M\ncpuShares: 10\n", "", "'memAlloc'"},
            {"b10", "serviceName: b10\n" + ok + "memAlloc: 64M\n", "", "'cpuShares'"},
            {"b11", "serviceName: b11\n" + ok + "memAlloc: 64M\ncpuShares: lots\n", "", "'cpuShares'"},
            {"b12", "serviceName: b12\n" + ok + "memAlloc: 64M\ncpuShares: 0\n", "", "'cpuShares'"},
            {"", ok + "memAlloc: 64M\ncpuShares: 10\n", "", "'serviceName'"},
            {"", "serviceName: 'bad name'\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", "", "'serviceName'"},
            {"", "serviceName: ../etc\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", "", "'serviceName'"},
            {"", "serviceName: " + "x".repeat(300) + "\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", "", "'serviceName'"},
            {"b17", "serviceName: b17\nentity: " + e + "\nrun: {a: 1}\nmemAlloc: 64M\ncpuShares: 10\n", "", "'run'"},
            {"b18", "serviceName: b18\n" + ok + "build: {a: 1}\nmemAlloc: 64M\ncpuShares: 10\n", "", "'build'"},
            {"b19", "serviceName: b19\n" + ok + "restartInt: soon\nmemAlloc: 64M\ncpuShares: 10\n", "", "'restartInt'"},
            {"b20", "serviceName: b20\n" + ok + "zombiePeriod: -5s\nmemAlloc: 64M\ncpuShares: 10\n", "", "'zombiePeriod'"},
            {"b21", "serviceName: b21\n" + ok + "autoRestart: maybe\nmemAlloc: 64M\ncpuShares: 10\n", "", "'autoRestart'"},
            {"b22", "serviceName: b22\n" + ok + "volumes: ['../etc']\nmemAlloc: 64M\ncpuShares: 10\n", "", "volumes"},
            {"b23", "serviceName: b23\n" + ok + "volumes: [a, a]\nmemAlloc: 64M\ncpuShares: 10\n", "", "volume"},
            {"b24", "serviceName: b24\n" + ok + "useHostNet: true\nmemAlloc: 64M\ncpuShares: 10\n", "",
                "does not allow use of host network stack"},
            {"b25", "serviceName: b25\n" + ok + "devices: [/dev/null]\nmemAlloc: 64M\ncpuShares: 10\n", "",
                "does not allow host devices"},
            {"b26", "serviceName: b26\n" + ok + "source: ftp://example.org/x\nmemAlloc: 64M\ncpuShares: 10\n", "", "'source'"},
            {"b27", "serviceName: b27\n" + ok + "aptRequires: 'Bad_Pkg!'\nmemAlloc: 64M\ncpuShares: 10\n", "", "'aptRequires'"},
            {"b28", "serviceName: b28\nentity: " + e + "\nimage: 'has space'\nmemAlloc: 64M\ncpuShares: 10\n", "", "image 'has space' is not an image name"},
            {"b29", "serviceName: b29\n" + ok + "memAlloc: 64G\ncpuShares: 10\n", "", "Insufficient Spawnpoint memory"},
            {"b30", "serviceName: b30\n" + ok + "memAlloc: 64M\ncpuShares: 999999\n", "", "Insufficient Spawnpoint CPU shares"},
            {"b31", "serviceName: b31\n" + ok + "memAlloc: 1M\ncpuShares: 10\n", "", "6 MiB"},
            {"b32", "serviceName: b32\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", "@@not base64@@", "included files"},
            {"b33", "serviceName: b33\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", rawTar("../../etc/evil"), "escapes"},
            {"b34", "serviceName: b34\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", rawTar("/etc/evil"), "unsafe name"},
            {"b35", "serviceName: b35\nserviceName: b35\n" + ok + "memAlloc: 64M\ncpuShares: 10\n", "", "twice"},
            {"b36", "serviceName: b36\n" + ok + "memAlloc: 64M\ncpuShares: 10\nvolumes: nope\n", "", "'volumes'"},
            // a huge payload: 5 MB of YAML, refused on its size before parsing (issue 11)
            {"b37", "serviceName: b37\n" + ok + "memAlloc: 64M\ncpuShares: 10\nbuild: ['" + "x".repeat(5 << 20) + "']\n",
                "", "more than the limit of 1048576 bytes"},
            // just under the size limit, but far too many YAML nodes
            {"b38", "serviceName: b38\n" + ok + "memAlloc: 64M\ncpuShares: 10\nrun: [" + "a,".repeat(400_000) + "b]\n",
                "", "more than 20000 YAML events"},
        };
        for (String[] b : bad) {
            int before = log.size();
            PublishParams p = PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                    .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, b[1].getBytes()));
            if (!b[2].isEmpty()) {
                p.payload(PayloadObject.ofString(b[2]));
            }
            user.publish(p);
            long end = System.currentTimeMillis() + 20_000;
            LogEntry got = null;
            while (got == null && System.currentTimeMillis() < end) {
                for (int i = before; i < log.size(); i++) {
                    if (log.get(i).service().equals(b[0]) && log.get(i).contents().startsWith("[FAILURE]")) {
                        got = log.get(i);
                    }
                }
                Thread.sleep(20);
            }
            assertTrue(got != null, "no [FAILURE] under '" + b[0] + "' for: " + b[1] + "\n" + dump());
            assertTrue(got.contents().contains(b[3]), "expected '" + b[3] + "' in: " + got.contents());
        }
        // A message without the YAML PO, and slot requests without the service name.
        user.publish(PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true).payload(PayloadObject.ofString("x")));
        awaitLog("", s -> s.contains("has no YAML PO 67.0.2.0"), "wrong PO type");
        user.publish(PublishParams.uri(SpawnUris.restartSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.MSGPACK, new byte[] {(byte) 0xc0})));
        awaitLog("", s -> s.contains("restart request has no String PO"), "restart without a name");
        request(SpawnUris.restartSlot(sp.path()), "ghost");
        awaitLog("ghost", s -> s.equals("[FAILURE] Service not found"), "unknown service");
        deploy(config("noimage", "[sleep, '60']", "").replace(TestSpawnpoint.IMAGE, "spawnpoint/absent:never"), null);
        awaitLog("noimage", s -> s.startsWith("[FAILURE] Container (re)start failed"), "a missing image");

        assertEquals(1024, daemon.pool().availableMemMiB(), "nothing reserved");
        try (DockerClient docker = DockerBackend.newClient()) {
            assertTrue(docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of("org.spawnpoint.instance", instanceId)).exec().stream()
                    .noneMatch(c -> c.getNames()[0].matches("/spawnpoint_[0-9a-f]{8}_(b\\d+|noimage)")), "nothing left running");
        }
        deploy(config("after", "[sleep, '600']", ""), null);
        awaitLog("after", s -> s.contains("[SUCCESS] Container (re)start successful"), "a good deploy after bad ones");
        stopAndAwait("after");
    }
}
