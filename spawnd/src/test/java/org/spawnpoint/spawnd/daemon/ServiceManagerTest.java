package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceManagerTest {
    @TempDir
    Path state;

    InMemoryBackend backend;
    RecordingEvents events;
    ResourcePool pool;
    ServiceManager manager;

    static final String ENTITY = Base64.getEncoder().encodeToString(new byte[] {0x32, 1, 2, 3, 4});

    static String config(String name, String mem, int cpu, String extra) {
        return "serviceName: " + name + "\nentity: " + ENTITY + "\nimage: spawnpoint/base:latest\nrun: [sleep, '1000']\n"
                + "memAlloc: " + mem + "\ncpuShares: " + cpu + "\n" + extra;
    }

    @BeforeEach
    void setUp() {
        backend = new InMemoryBackend();
        events = new RecordingEvents();
        pool = new ResourcePool(1024, 4096);
        manager = newManager();
    }

    ServiceManager newManager() {
        ServiceManager m = new ServiceManager(backend, pool, new ManifestStore(state), events,
                new Deployment.Policy("alpha", "172.17.0.1:28589", false, false), "ns/spawnpoint/alpha",
                new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30), 0, 0));
        backend.monitorEvents(m::onBackendEvent);
        return m;
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.currentTimeMillis() + 5000;
        while (!cond.getAsBoolean()) {
            if (System.currentTimeMillis() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    void deployAndWait(String yaml, String name) throws InterruptedException {
        manager.deploy(yaml, null);
        manager.awaitIdle(name, 5000);
    }

    @Test
    void deployRunsAContainerWithinThePools() throws Exception {
        deployAndWait(config("svc", "256M", 1024, ""), "svc");
        assertEquals(ServiceState.RUNNING, manager.states().get("svc"));
        assertEquals(768, pool.availableMemMiB());
        assertEquals(3072, pool.availableCpuShares());
        InMemoryBackend.Container c = backend.byService("svc");
        assertEquals(256L << 20, c.spec.memoryBytes());
        assertEquals("/srv/spawnpoint/entity.key", c.spec.env().get("BW2_DEFAULT_ENTITY"));
        assertEquals("172.17.0.1:28589", c.spec.env().get("BW2_AGENT"));
        assertTrue(backend.builtImages.isEmpty(), "no build steps: no image build");
        assertTrue(events.has("[SUCCESS] Container (re)start successful"));
    }

    @Test
    void redeployCreditsTheOldReservationOnce() throws Exception {
        deployAndWait(config("svc", "512M", 1024, ""), "svc");
        deployAndWait(config("svc", "1G", 1024, ""), "svc");
        assertEquals(0, pool.availableMemMiB(), "the old 512M is credited, the new 1G taken");
        assertEquals(1, backend.containers.size());
        deployAndWait(config("svc", "2G", 1024, ""), "svc");
        assertTrue(events.has("Insufficient Spawnpoint memory for requested allocation (have 1024 MiB free of 1024 MiB,"
                + " want 2048 MiB): ask for less memAlloc, or stop a service there (spawnctl inspect lists them)"));
        assertEquals(ServiceState.RUNNING, manager.states().get("svc"), "a refused redeploy keeps the old instance");
        assertEquals(0, pool.availableMemMiB());
    }

    @Test
    void overAllocationIsRefusedAndReservesNothing() throws Exception {
        deployAndWait(config("big", "2G", 1024, ""), "big");
        assertTrue(events.has("big: [FAILURE] Failed to launch service: Insufficient Spawnpoint memory"));
        deployAndWait(config("cpu", "10M", 9999, ""), "cpu");
        assertTrue(events.has("Insufficient Spawnpoint CPU shares for requested allocation (have 4096 shares free of 4096,"
                + " want 9999; 1024 shares are one core)"));
        assertEquals(1024, pool.availableMemMiB());
        assertEquals(4096, pool.availableCpuShares());
        assertTrue(manager.states().isEmpty());
    }

    @Test
    void deadServiceBecomesAZombieThatRestartResurrects() throws Exception {
        deployAndWait(config("z", "100M", 100, "zombiePeriod: 10s\n"), "z");
        String id = backend.byService("z").id;
        backend.kill(id, 3);
        manager.awaitIdle("z", 5000);
        assertEquals(ServiceState.ZOMBIE, manager.states().get("z"));
        assertEquals(1024, pool.availableMemMiB(), "a zombie holds no resources");
        assertTrue(events.has("[FAILURE] Container stopped: exited with code 3"));
        manager.restart("z");
        manager.awaitIdle("z", 5000);
        assertEquals(ServiceState.RUNNING, manager.states().get("z"));
        assertEquals(924, pool.availableMemMiB());
        assertEquals(2, backend.containers.get(id).starts, "resurrected in the same container");
    }

    @Test
    void zombieExpiresAndIsRemovedWithItsHeartbeat() throws Exception {
        deployAndWait(config("z", "100M", 100, "zombiePeriod: 100ms\n"), "z");
        backend.kill(backend.byService("z").id, 0);
        await("zombie removal", () -> manager.states().isEmpty() && !events.gone.isEmpty());
        assertEquals(0, backend.containers.size());
        assertEquals(java.util.List.of("z"), events.gone);
        assertEquals(1024, pool.availableMemMiB());
        // redeploying after expiry is a fresh start
        deployAndWait(config("z", "100M", 100, ""), "z");
        assertEquals(924, pool.availableMemMiB());
    }

    @Test
    void zombieTimerDoesNotRemoveARedeployedInstance() throws Exception {
        deployAndWait(config("z", "100M", 100, "zombiePeriod: 150ms\n"), "z");
        backend.kill(backend.byService("z").id, 0);
        manager.awaitIdle("z", 5000);
        deployAndWait(config("z", "100M", 100, "zombiePeriod: 150ms\n"), "z");
        Thread.sleep(400);
        assertEquals(ServiceState.RUNNING, manager.states().get("z"));
        assertEquals(924, pool.availableMemMiB(), "the zombie's resources are not counted twice on redeploy");
    }

    @Test
    void autoRestartBacksOffOnACrashLoopAndNeverGivesUp() throws Exception {
        deployAndWait(config("loop", "100M", 100, "autoRestart: true\n"), "loop");
        String id = backend.byService("loop").id;
        for (int i = 1; i <= 4; i++) {
            int starts = backend.containers.get(id).starts;
            backend.kill(id, 1);
            manager.awaitIdle("loop", 5000);
            // The death was handled (a restart scheduled); the 50 ms timer may have fired already on a busy machine.
            assertEquals(i, events.logs.stream().filter(l -> l.contains("restarting in")).count());
            await("restart " + i, () -> backend.containers.get(id).starts > starts);
            manager.awaitIdle("loop", 5000);
        }
        assertTrue(events.has("restarting in 50ms"));
        assertTrue(events.has("restarting in 100ms"));
        assertTrue(events.has("restarting in 400ms (restart 4 in a row)"));
        assertEquals(924, pool.availableMemMiB(), "an auto-restarting service keeps its reservation");
    }

    @Test
    void waitingAndDeadServicesShowTheirStateInTheirHeartbeat() throws Exception {
        deployAndWait(config("loop", "100M", 100, "autoRestart: true\nrestartInt: 1m\n"), "loop");
        deployAndWait(config("dead", "100M", 100, ""), "dead");
        deployAndWait(config("fine", "100M", 100, ""), "fine");
        backend.kill(backend.byService("loop").id, 1);
        backend.kill(backend.byService("dead").id, 2);
        manager.awaitIdle("loop", 5000);
        manager.awaitIdle("dead", 5000);
        assertEquals(java.util.List.of("loop", "dead", "fine"), events.heartbeats.stream().limit(3).map(h -> h.name())
                .toList(), "each start's first heartbeat goes out with it");
        assertEquals(java.util.Set.of("loop", "dead"), events.heartbeats.stream().skip(3).map(h -> h.name())
                .collect(java.util.stream.Collectors.toSet()), "and so does each death's");
        events.heartbeats.clear();
        manager.publishServiceHeartbeats();
        await("three heartbeats", () -> events.heartbeats.size() == 3);
        java.util.Map<String, String> states = new java.util.HashMap<>();
        events.heartbeats.forEach(h -> states.put(h.name(), h.state()));
        assertTrue(states.get("loop").startsWith("stopped (exited with code 1"), states.get("loop"));
        assertTrue(states.get("loop").contains("restarting at"), states.get("loop"));
        assertTrue(states.get("dead").startsWith("dead; restart it before"), states.get("dead"));
        assertEquals("", states.get("fine"));
    }

    @Test
    void autoRestartKeepsRetryingWhileTheEngineIsAway() throws Exception {
        deployAndWait(config("keeper", "100M", 100, "autoRestart: true\nrestartInt: 300ms\n"), "keeper");
        String id = backend.byService("keeper").id;
        backend.kill(id, 137);
        manager.awaitIdle("keeper", 5000);
        backend.engineDown = true;
        await("a failed restart", () -> events.has("[FAILURE] Container (re)start failed: java.net.SocketException"));
        await("a retry scheduled", () -> events.logs.stream().filter(l -> l.contains("restarting in")).count() >= 2);
        assertEquals(924, pool.availableMemMiB(), "the reservation is kept while the engine is away");
        backend.engineDown = false;
        await("running again", () -> manager.states().get("keeper") == ServiceState.RUNNING);
        assertEquals(924, pool.availableMemMiB(), "the reservation was kept throughout");
    }

    @Test
    void stopReturnsResourcesExactlyOnceAndClearsTheHeartbeat() throws Exception {
        deployAndWait(config("s", "100M", 100, ""), "s");
        String id = backend.byService("s").id;
        manager.stop("s");
        manager.awaitIdle("s", 5000);
        backend.listeners.forEach(l -> l.accept(new org.spawnpoint.spawnd.backend.BackendEvent(
                org.spawnpoint.spawnd.backend.BackendEvent.Type.DIE, id, "s", 0, java.time.Instant.now())));
        manager.awaitIdle("s", 5000);
        assertTrue(manager.states().isEmpty());
        assertNull(backend.containers.get(id));
        assertEquals(1024, pool.availableMemMiB());
        assertEquals(4096, pool.availableCpuShares());
        assertEquals(java.util.List.of("s"), events.gone);
        manager.stop("s");
        manager.awaitIdle("s", 5000);
        assertTrue(events.has("s: [FAILURE] Service not found"));
    }

    @Test
    void aSampleTakenBeforeAStopNeverBringsTheClearedHeartbeatBack() throws Exception {
        java.util.concurrent.ExecutorService statsPool = java.util.concurrent.Executors.newSingleThreadExecutor();
        manager.close();
        manager = new ServiceManager(backend, pool, new ManifestStore(state), events,
                new Deployment.Policy("alpha", "172.17.0.1:28589", false, false), "ns/spawnpoint/alpha",
                new CrashBackoff(Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(30), 0, 0),
                statsPool);
        deployAndWait(config("s", "100M", 100, ""), "s");
        backend.statsTaken = new java.util.concurrent.CountDownLatch(1);
        backend.statsRelease = new java.util.concurrent.CountDownLatch(1);
        manager.publishServiceHeartbeats();
        assertTrue(backend.statsTaken.await(5, java.util.concurrent.TimeUnit.SECONDS), "a sample is under way");
        manager.stop("s");
        manager.awaitIdle("s", 5000);
        assertEquals("gone:s", events.order.get(events.order.size() - 1), events.order.toString());
        backend.statsRelease.countDown(); // the sample, taken before the stop, completes after the clear
        statsPool.shutdown();
        assertTrue(statsPool.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS));
        manager.awaitIdle("s", 5000);
        assertEquals("gone:s", events.order.get(events.order.size() - 1),
                "nothing is published for a stopped service after its heartbeat was cleared: " + events.order);
        manager.publishServiceHeartbeats();
        manager.awaitIdle("s", 5000);
        assertEquals("gone:s", events.order.get(events.order.size() - 1), events.order.toString());
    }

    @Test
    void failedStartReleasesTheReservation() throws Exception {
        backend.failNextStart = true;
        deployAndWait(config("f", "100M", 100, ""), "f");
        assertTrue(events.has("[FAILURE] Container (re)start failed: exited with code 1: boom"));
        assertTrue(manager.states().isEmpty());
        assertEquals(1024, pool.availableMemMiB());
    }

    @Test
    void concurrentDeploysOfOneNameAreSerialized() throws Exception {
        backend.startDelay = Duration.ofMillis(30);
        for (int i = 0; i < 5; i++) {
            manager.deploy(config("same", "100M", 100, ""), null);
        }
        manager.awaitIdle("same", 10_000);
        assertEquals(1, backend.maxConcurrentStartsPerName.get());
        assertEquals(1, backend.containers.size());
        assertEquals(924, pool.availableMemMiB());
    }

    /** A container re-adopted after spawnd restarted reports when the engine started it, not when spawnd came back. */
    @Test
    void aReadoptedContainerReportsItsRealStartTime() throws Exception {
        deployAndWait(config("a", "100M", 100, ""), "a");
        manager.close();
        backend.listeners.clear();
        java.time.Instant engineStart = java.time.Instant.parse("2026-12-01T08:00:00.123456789Z");
        backend.byService("a").startedAt = engineStart;
        pool = new ResourcePool(1024, 4096);
        events.heartbeats.clear();
        manager = newManager();
        manager.recover();
        assertEquals(ServiceState.RUNNING, manager.states().get("a"));
        manager.publishServiceHeartbeats();
        await("a heartbeat", () -> !events.heartbeats.isEmpty());
        long expected = engineStart.getEpochSecond() * 1_000_000_000L + engineStart.getNano();
        assertEquals(expected, events.heartbeats.get(0).startedAtNanos(), "the engine's start, not the adoption's");
    }

    @Test
    void recoveryReadoptsRunningRestartsAutoRestartAndAccountsExactly() throws Exception {
        deployAndWait(config("a", "100M", 100, ""), "a");
        deployAndWait(config("b", "200M", 200, "autoRestart: true\n"), "b");
        deployAndWait(config("c", "300M", 300, ""), "c");
        manager.close();
        // While spawnd is down, b dies (no event reaches anyone) and c's container is removed.
        backend.listeners.clear();
        backend.containers.get(backend.byService("b").id).running = false;
        backend.remove(backend.byService("c").id);

        pool = new ResourcePool(1024, 4096);
        manager = newManager();
        manager.recover();
        assertEquals(ServiceState.RUNNING, manager.states().get("a"));
        assertEquals(ServiceState.RUNNING, manager.states().get("b"));
        assertNull(manager.states().get("c"));
        assertEquals(1024 - 300, pool.availableMemMiB());
        assertEquals(4096 - 300, pool.availableCpuShares());
        assertTrue(backend.byService("b").running);
        assertTrue(events.has("c: [INFO] Container of service is gone"));
    }

    @Test
    void recoveryAfterACrashMidDeployLeavesNoContainerUnowned() throws Exception {
        deployAndWait(config("a", "100M", 100, ""), "a");
        manager.close();
        backend.listeners.clear();
        // The crash: b's deploy had saved its manifest (BOOTING, no container yet) and created a container that
        // never started; z's container was created but its manifest never written (or already deleted).
        ManifestStore store = new ManifestStore(state);
        store.save(new Manifest("b", config("b", "200M", 200, ""), null, null, null, ServiceState.BOOTING));
        String staleB = backend.createAndStart(org.spawnpoint.spawnd.backend.ContainerSpec.of("b", "img",
                java.util.List.of(), 64 << 20, 2));
        backend.containers.get(staleB).running = false;
        String orphan = backend.createAndStart(org.spawnpoint.spawnd.backend.ContainerSpec.of("z", "img",
                java.util.List.of(), 64 << 20, 2));

        pool = new ResourcePool(1024, 4096);
        manager = newManager();
        manager.recover();
        manager.awaitIdle("b", 5000);
        assertNull(backend.containers.get(orphan), "a container no manifest names is removed");
        assertNull(backend.containers.get(staleB), "the never-started container of the interrupted deploy is gone");
        assertEquals(ServiceState.RUNNING, manager.states().get("a"));
        assertEquals(ServiceState.RUNNING, manager.states().get("b"), "the interrupted deploy is carried out again");
        assertTrue(backend.byService("b").running);
        assertEquals(2, backend.containers.size());
        assertTrue(backend.containers.values().stream().allMatch(c -> c.running), "nothing left created or exited");
        assertEquals(1024 - 300, pool.availableMemMiB());
        assertEquals(4096 - 300, pool.availableCpuShares());
        assertTrue(events.has("b: [INFO] spawnd restarted during the deploy of this service; deploying it again"),
                events.logs.toString());
    }

    @Test
    void badDeploysAreReportedByFieldAndLeaveNothingBehind() throws Exception {
        String[][] bad = {
            {"serviceName: x\nentity: [1]\n", "entity"},
            {"{{{", "not valid YAML"},
            {"serviceName: x\nentity: " + ENTITY + "\nmemAlloc: 12X\ncpuShares: 1\n", "memAlloc"},
            {"serviceName: 'bad name!'\nentity: " + ENTITY + "\nmemAlloc: 1M\ncpuShares: 1\n", "serviceName"},
            {"serviceName: x\nentity: '@@@'\nmemAlloc: 10M\ncpuShares: 1\n", "entity"},
            {config("x", "10M", 10, "useHostNet: true\n"), "does not allow use of host network stack"},
            {config("x", "10M", 10, "devices: [/dev/ttyUSB0]\n"), "does not allow host devices"},
            {config("x", "10M", 10, "restartInt: soon\n"), "restartInt"},
            {config("x", "10M", 10, "volumes: ['../etc']\n"), "volumes"},
            {config("x", "10M", 10, "overlayNet: host\n"), "'overlayNet' may not be 'host'"},
            {config("x", "10M", 10, "overlayNet: bridge\n"), "'overlayNet' may not be 'bridge'"},
        };
        for (String[] b : bad) {
            int before = events.logs.size();
            manager.deploy(b[0], null);
            String last = events.logs.get(events.logs.size() - 1);
            assertNotEquals(before, events.logs.size(), b[1]);
            assertTrue(last.contains("[FAILURE] Failed to launch service") && last.contains(b[1]),
                    "expected a failure naming " + b[1] + ", got: " + last);
        }
        assertTrue(manager.states().isEmpty());
        assertEquals(1024, pool.availableMemMiB());
        assertTrue(backend.containers.isEmpty());
    }

    @Test
    void hostNetworkAndDevicesPassWhenTheDaemonAllowsThem() throws Exception {
        manager.close();
        manager = new ServiceManager(backend, pool, new ManifestStore(state), events,
                new Deployment.Policy("alpha", null, true, true), "ns/spawnpoint/alpha", CrashBackoff.DEFAULT);
        deployAndWait(config("hw", "10M", 10, "useHostNet: true\ndevices: [/dev/ttyUSB0]\n"), "hw");
        InMemoryBackend.Container c = backend.byService("hw");
        assertTrue(c.spec.hostNetwork());
        assertEquals(java.util.List.of("/dev/ttyUSB0"), c.spec.devices());
        assertNull(c.spec.env().get("BW2_AGENT"), "no containerRouter configured");
        deployAndWait(config("bad", "10M", 10, "devices: [/etc/passwd]\n"), "bad");
        assertTrue(events.has("devices[0] '/etc/passwd'"), events.logs.toString());
    }

    @Test
    void includedFilesAreCopiedIntoTheContainerWhenNothingIsBuilt() throws Exception {
        byte[] tar = org.spawnpoint.spawnclient.model.IncludedFiles.pack(java.util.List.of(), java.util.List.of(),
                state);
        assertNull(tar);
        Path dir = state.resolve("inc");
        java.nio.file.Files.createDirectories(dir.resolve("conf"));
        java.nio.file.Files.writeString(dir.resolve("conf/params.yml"), "a: 1\n");
        tar = org.spawnpoint.spawnclient.model.IncludedFiles.pack(java.util.List.of(), java.util.List.of("conf"), dir);
        manager.deploy(config("inc", "10M", 10, ""), Base64.getEncoder().encodeToString(tar));
        manager.awaitIdle("inc", 5000);
        InMemoryBackend.Container c = backend.byService("inc");
        assertNotNull(c);
        assertTrue(c.spec.files().stream().anyMatch(f -> f.path().equals("conf/params.yml")), c.spec.files().toString());
        assertTrue(c.spec.files().stream().anyMatch(f -> f.path().equals("/srv/spawnpoint/entity.key")
                && f.mode() == 0400));
    }
}
