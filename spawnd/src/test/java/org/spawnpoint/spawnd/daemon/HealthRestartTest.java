package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnd.backend.ProbeResult;

/** Health checks and the restart policy in the service lifecycle, on the in-memory engine. */
class HealthRestartTest {
    @TempDir
    Path state;
    InMemoryBackend backend;
    RecordingEvents events;
    ResourcePool pool;
    ServiceManager manager;

    static final String CHECKED = "autoRestart: true\nhealthCheck: {tcp: 80, interval: 100ms, retries: 2}\n"
            + "restartPolicy: {backoff: 10ms, maxBackoff: 40ms, maxRestarts: 2}\n";

    @BeforeEach
    void setUp() {
        backend = new InMemoryBackend();
        events = new RecordingEvents();
        pool = new ResourcePool(1024, 4096);
        manager = new ServiceManager(backend, pool, new ManifestStore(state), events,
                new Deployment.Policy("alpha", null, false, false), "ns/spawnpoint/alpha", CrashBackoff.DEFAULT);
        backend.monitorEvents(manager::onBackendEvent);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    ServiceHeartbeat lastHeartbeat(String name) {
        List<ServiceHeartbeat> hbs = events.heartbeats.stream().filter(h -> h.name().equals(name)).toList();
        return hbs.isEmpty() ? null : hbs.get(hbs.size() - 1);
    }

    @Test
    void anUnhealthyServiceIsRestartedThenGivenUpThenRevivedByHand() throws Exception {
        manager.deploy(ServiceManagerTest.config("web", "100M", 100, CHECKED), null);
        ServiceManagerTest.await("healthy", () -> events.has("web: [INFO] Service healthy after"));
        assertEquals("healthy", lastHeartbeat("web").health(), "the change goes out at once");
        assertTrue(lastHeartbeat("web").startedAtNanos() > 0);

        backend.probeAnswers.put("web", ProbeResult.failed("503"));
        ServiceManagerTest.await("unhealthy", () -> events.has("web: [WARN] Service unhealthy: TCP 80 -> 503 (2 of 2)"));
        ServiceManagerTest.await("given up", () -> manager.states().get("web") == ServiceState.GIVEN_UP);
        manager.awaitIdle("web", 5000);
        assertTrue(events.has("[FAILURE] Container stopped: unhealthy, TCP 80 -> 503; restarting in"), events.logs.toString());
        assertTrue(events.has("(restart 2 in a row of at most 2)"), events.logs.toString());
        assertTrue(events.has("giving up after 2 restarts in a row (restartPolicy.maxRestarts: 2)"), events.logs.toString());
        InMemoryBackend.Container c = backend.byService("web");
        assertEquals(3, c.starts, "the first start and two restarts");
        assertTrue(!c.running, "a given-up service's container is stopped");
        assertEquals(924, pool.availableMemMiB(), "and keeps its reservation");
        ServiceHeartbeat given = lastHeartbeat("web");
        assertEquals("given-up", given.state());
        assertEquals("unhealthy", given.health());
        assertEquals(2, given.restarts());
        assertEquals(0, given.startedAtNanos());
        assertTrue(given.healthDetail().startsWith("gave up after 2 restarts in a row"), given.healthDetail());
        int probes = backend.probes.get();
        Thread.sleep(300);
        assertEquals(probes, backend.probes.get(), "no checks while given up");

        backend.probeAnswers.remove("web");
        manager.restart("web");
        ServiceManagerTest.await("running again", () -> manager.states().get("web") == ServiceState.RUNNING);
        ServiceManagerTest.await("healthy again", () -> "healthy".equals(lastHeartbeat("web").health()));
        assertEquals(4, c.starts);
        assertEquals(2, lastHeartbeat("web").restarts(), "a restart by hand is not an automatic one");
    }

    @Test
    void withoutAutoRestartAnUnhealthyServiceIsOnlyReported() throws Exception {
        manager.deploy(ServiceManagerTest.config("obs", "100M", 100,
                "healthCheck: {exec: [check], interval: 100ms, retries: 1}\n"), null);
        ServiceManagerTest.await("healthy", () -> events.has("obs: [INFO] Service healthy"));
        backend.probeAnswers.put("obs", ProbeResult.failed("exit 1: not ready"));
        ServiceManagerTest.await("unhealthy", () -> events.has(
                "obs: [WARN] Service unhealthy: exec [check] -> exit 1: not ready (1 of 1); not restarted (autoRestart is off)"));
        Thread.sleep(300);
        assertEquals(ServiceState.RUNNING, manager.states().get("obs"));
        assertEquals(1, backend.byService("obs").starts);
        backend.probeAnswers.remove("obs");
        ServiceManagerTest.await("healthy again", () -> events.has("obs: [INFO] Service healthy again"));
    }

    @Test
    void aCrashLoopWithALimitGivesUpAndTheDefaultNeverDoes() throws Exception {
        manager.deploy(ServiceManagerTest.config("crash", "100M", 100,
                "autoRestart: true\nrestartPolicy: {backoff: 10ms, maxRestarts: 3}\n"), null);
        manager.awaitIdle("crash", 5000);
        String id = backend.byService("crash").id;
        for (int i = 1; i <= 4; i++) {
            int starts = backend.containers.get(id).starts;
            backend.kill(id, 7);
            manager.awaitIdle("crash", 5000);
            if (i <= 3) {
                ServiceManagerTest.await("restart " + i, () -> backend.containers.get(id).starts > starts);
                manager.awaitIdle("crash", 5000);
            }
        }
        assertEquals(ServiceState.GIVEN_UP, manager.states().get("crash"));
        assertTrue(events.has("crash: [FAILURE] Container stopped: exited with code 7; last output: last line; giving up"
                + " after 3 restarts in a row"), events.logs.toString());
        assertEquals(Duration.ofMinutes(5), CrashBackoff.DEFAULT.cap());
        assertEquals(0, CrashBackoff.DEFAULT.maxRestarts(), "without restartPolicy spawnd never gives up");
    }

    @Test
    void aGivenUpServiceStaysGivenUpAcrossARestartOfSpawnd() throws Exception {
        manager.deploy(ServiceManagerTest.config("gu", "100M", 100,
                "autoRestart: true\nrestartPolicy: {backoff: 10ms, maxRestarts: 1}\n"), null);
        manager.awaitIdle("gu", 5000);
        String id = backend.byService("gu").id;
        backend.kill(id, 1);
        ServiceManagerTest.await("restarted", () -> backend.containers.get(id).starts == 2);
        manager.awaitIdle("gu", 5000);
        backend.kill(id, 1);
        ServiceManagerTest.await("given up", () -> manager.states().get("gu") == ServiceState.GIVEN_UP);
        manager.awaitIdle("gu", 5000);
        manager.close();
        ResourcePool fresh = new ResourcePool(1024, 4096);
        manager = new ServiceManager(backend, fresh, new ManifestStore(state), events,
                new Deployment.Policy("alpha", null, false, false), "ns/spawnpoint/alpha", CrashBackoff.DEFAULT);
        manager.recover();
        assertEquals(ServiceState.GIVEN_UP, manager.states().get("gu"));
        assertEquals(924, fresh.availableMemMiB());
        assertEquals(2, backend.containers.get(id).starts, "not restarted by the recovery");
        events.heartbeats.clear();
        manager.publishServiceHeartbeats();
        ServiceManagerTest.await("a heartbeat", () -> lastHeartbeat("gu") != null);
        assertEquals("given-up", lastHeartbeat("gu").state());
        assertEquals(1, lastHeartbeat("gu").restarts(), "the count survives spawnd's restart (manifest)");
    }
}
