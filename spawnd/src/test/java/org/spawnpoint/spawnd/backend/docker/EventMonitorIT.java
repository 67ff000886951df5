package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * The event monitor survives a broken engine connection (as in an engine restart): it reconnects, says so, and
 * delivers the events that happened while it was cut off, once each.
 */
class EventMonitorIT {
    private static final String DEBIAN = "spawnpoint/debian:bookworm";
    private static final long MIB = 1024 * 1024;

    @Test
    void reconnectsAndDeliversWhatHappenedMeanwhile() throws Exception {
        String instanceId = "it-events-" + UUID.randomUUID();
        String service = "it-gap-" + instanceId.substring(10, 16);
        Path socket = Path.of(System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock")
                .replaceFirst("^unix://", ""));
        List<BackendEvent> events = new CopyOnWriteArrayList<>();
        DockerBackend direct;
        try {
            direct = DockerBackend.connect(instanceId);
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine (run .ci/ensure-docker): " + e.getMessage());
            return;
        }
        try (EngineProxy proxy = new EngineProxy(socket);
             DockerBackend viaProxy = new DockerBackend(clientFor(proxy.dockerHost()), instanceId);
             AutoCloseable monitor = viaProxy.monitorEvents(events::add)) {
            proxy.cut();
            // While the monitor is cut off, a container of this daemon runs and dies.
            String id = direct.createAndStart(ContainerSpec.of(service, DEBIAN, List.of("true"), 32 * MIB, 128));
            await(() -> direct.inspect(id, 0).map(x -> !x.running()).orElse(true), "the container ends");
            Thread.sleep(500);
            assertTrue(events.isEmpty(), "nothing arrives while cut off: " + events);
            proxy.resume();

            await(() -> events.stream().anyMatch(e -> e.type() == BackendEvent.Type.MONITOR_RESUMED),
                    "resumed event; got " + events);
            await(() -> events.stream().anyMatch(e -> e.type() == BackendEvent.Type.DIE && id.equals(e.containerId())),
                    "the die event from the gap; got " + events);
            assertTrue(events.stream().anyMatch(e -> e.type() == BackendEvent.Type.START && id.equals(e.containerId())),
                    events.toString());
            Thread.sleep(500);
            long dies = events.stream().filter(e -> e.type() == BackendEvent.Type.DIE && id.equals(e.containerId()))
                    .count();
            assertTrue(dies == 1, "delivered once: " + events);
        } finally {
            DockerClient docker = direct.client();
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.INSTANCE, instanceId)).exec()
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            direct.close();
        }
    }

    private static DockerClient clientFor(String host) {
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host)
                .withDockerTlsVerify(false).build();
        var http = new ZerodepDockerHttpClient.Builder().dockerHost(config.getDockerHost())
                .connectionTimeout(Duration.ofSeconds(2)).build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
