package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.ContainerExit;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ContainerStartException;
import org.spawnpoint.spawnd.backend.DockerNames;
import org.spawnpoint.spawnd.backend.ImageSpec;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.LogLine;
import org.spawnpoint.spawnd.backend.OwnedContainer;
import org.spawnpoint.spawnd.backend.ResourceStats;

/**
 * {@link DockerBackend} against the real engine, with the project's Debian image (.ci/ensure-images builds it).
 * One small image build (GNU hello from the Debian mirror); every container, volume, network and image created
 * carries this run's instance label and is removed by label at the end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DockerBackendIT {
    private static final String DEBIAN = "spawnpoint/debian:bookworm";
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final String instanceId = "it-" + UUID.randomUUID();
    private final String suffix = instanceId.substring(3, 9);
    private final String secret = "SECRET-ENTITY-" + UUID.randomUUID();
    private final List<BackendEvent> events = new CopyOnWriteArrayList<>();
    private DockerBackend backend;
    private DockerClient docker;
    private AutoCloseable monitor;
    private String builtImage;
    private String runId;

    private String svc(String name) {
        return "it-" + name + "-" + suffix;
    }

    @BeforeAll
    void connect() {
        try {
            backend = DockerBackend.connect(instanceId);
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine (run .ci/ensure-docker): " + e.getMessage());
        }
        docker = backend.client();
        try {
            docker.inspectImageCmd(DEBIAN).exec();
        } catch (NotFoundException e) {
            fail(DEBIAN + " is missing: run .ci/ensure-images (or docker/build-images.sh debian)");
        }
        monitor = backend.monitorEvents(events::add);
    }

    @Test
    @Order(1)
    void buildsFromGeneratedDockerfileStreamingOutput() {
        List<String> output = new CopyOnWriteArrayList<>();
        ImageSpec spec = new ImageSpec(DEBIAN, ImageSpec.splitAptRequires("hello"), null,
                List.of("hello", "echo build-step-ran > built.txt"),
                List.of(ContainerFile.of("conf/included.txt", "included-content".getBytes(StandardCharsets.UTF_8)),
                        new ContainerFile("conf/private.txt", "p".getBytes(StandardCharsets.UTF_8), 0600)),
                null);
        builtImage = backend.prepareImage(svc("run"), spec, output::add);

        assertEquals(backend.names().imageName(svc("run")), builtImage);
        assertTrue(output.contains("Hello, world!"), "the build step's output is streamed by line: " + output);
        assertTrue(output.stream().anyMatch(l -> l.startsWith("Step 1/")), output.toString());
        assertTrue(output.stream().noneMatch(l -> l.contains("\n")), "one line per call");
        Map<String, String> labels = docker.inspectImageCmd(builtImage).exec().getConfig().getLabels();
        assertEquals(instanceId, labels.get(Labels.BUILT_BY));
        assertEquals(svc("run"), labels.get(Labels.BUILT_FOR));
        assertFalse(labels.containsKey(Labels.MANAGED), "containers inherit image labels: no ownership on images");
    }

    @Test
    @Order(2)
    void runsWithLimitsVolumeNetworkAndFilesCopiedBeforeStart() throws Exception {
        assertNotNull(builtImage, "needs the image of the build test");
        String network = "it-net-" + suffix;
        ContainerSpec spec = new ContainerSpec(svc("run"), builtImage,
                List.of("sh", "-c", "stat -c 'entity mode %a' /srv/spawnpoint/entity.key; cat entity.key; echo;"
                        + " stat -c 'private mode %a' conf/private.txt; stat -c 'secret mode %a' secret.conf;"
                        + " cat built.txt conf/included.txt params.yml; echo; touch /srv/data/ok && echo volume-ok;"
                        + " echo cwd=$(pwd) env=$BW2_DEFAULT_ENTITY; exec sleep 300"),
                Map.of("BW2_DEFAULT_ENTITY", ContainerFile.ENTITY_PATH), 64 * MIB, 256, List.of("data"), network,
                null, List.of(ContainerFile.entity(secret.getBytes(StandardCharsets.UTF_8)),
                        ContainerFile.of("params.yml", "params-content".getBytes(StandardCharsets.UTF_8)),
                        new ContainerFile("secret.conf", "s".getBytes(StandardCharsets.UTF_8), 0600)),
                Map.of("org.spawnpoint.manifest", "abc123"));
        runId = backend.createAndStart(spec);

        List<String> lines = new CopyOnWriteArrayList<>();
        try (AutoCloseable logs = backend.followLogs(runId, null, l -> lines.add(l.text()), null)) {
            await(() -> lines.stream().anyMatch(l -> l.startsWith("cwd=")), "output of the service: " + lines);
        }
        assertTrue(lines.contains("entity mode 400"), lines.toString());
        assertTrue(lines.contains("private mode 600"), "a 0600 file built into the image stays 0600: " + lines);
        assertTrue(lines.contains("secret mode 600"), "a 0600 file copied in stays 0600: " + lines);
        assertTrue(lines.contains(secret), "the entity was copied in before start");
        assertTrue(lines.contains("build-step-ran"), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("included-content")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("params-content")), lines.toString());
        assertTrue(lines.contains("volume-ok"), lines.toString());
        assertTrue(lines.contains("cwd=/srv/spawnpoint env=/srv/spawnpoint/entity.key"), lines.toString());

        InspectContainerResponse info = docker.inspectContainerCmd(runId).exec();
        assertEquals("/" + backend.names().containerName(svc("run")), info.getName());
        HostConfig host = info.getHostConfig();
        assertEquals(64 * MIB, host.getMemory());
        assertEquals(64 * MIB, host.getMemorySwap());
        assertEquals(256, host.getCpuShares());
        assertEquals(network, host.getNetworkMode());
        assertEquals(List.of("no-new-privileges:true"), host.getSecurityOpts());
        assertEquals(1024L, host.getPidsLimit());
        assertEquals("json-file", host.getLogConfig().getType().getType());
        assertEquals(Map.of("max-size", "10m", "max-file", "3"), host.getLogConfig().getConfig());
        assertEquals(1, info.getMounts().size());
        assertEquals(backend.names().volumeName(svc("run"), "data"), info.getMounts().get(0).getName());
        assertEquals("/srv/data", info.getMounts().get(0).getDestination().getPath());
        Map<String, String> labels = info.getConfig().getLabels();
        assertEquals("true", labels.get(Labels.MANAGED));
        assertEquals(instanceId, labels.get(Labels.INSTANCE));
        assertEquals(svc("run"), labels.get(Labels.SERVICE));
        assertEquals("abc123", labels.get("org.spawnpoint.manifest"));
        await(() -> events.stream().anyMatch(e -> e.type() == BackendEvent.Type.START && runId.equals(e.containerId())),
                "start event");

        ResourceStats stats = backend.stats(runId);
        assertTrue(stats.memUsageMiB() > 0 && stats.memUsageMiB() < 64, "memory in MiB: " + stats);
        assertTrue(stats.cpuPercent() >= 0, stats.toString());
    }

    @Test
    @Order(3)
    void entityIsInNoImageLayer() throws Exception {
        assertNotNull(runId, "needs the container of the run test");
        byte[] marker = secret.getBytes(StandardCharsets.UTF_8);
        byte[] included = "included-content".getBytes(StandardCharsets.UTF_8);
        // Every layer of the built image, byte for byte; the included file shows that the search does find things.
        try (InputStream saved = docker.saveImageCmd(builtImage).exec()) {
            List<Boolean> found = contains(saved, marker, included);
            assertTrue(found.get(1), "the included file is in the saved image " + builtImage);
            assertFalse(found.get(0), "the entity's bytes are in the saved image " + builtImage);
        }
        String history = run("docker", "history", "--no-trunc", "--format", "{{.CreatedBy}}", builtImage);
        assertFalse(history.contains("entity"), history);
        assertFalse(history.contains(secret), history);
        // A container of the same image without the copied files has no entity.
        ContainerSpec bare = ContainerSpec.of(svc("bare"), builtImage,
                List.of("sh", "-c", "test ! -e /srv/spawnpoint/entity.key && echo no-entity; ls /srv/spawnpoint"),
                32 * MIB, 128);
        String id = backend.createAndStart(bare);
        List<String> lines = new CopyOnWriteArrayList<>();
        backend.followLogs(id, null, l -> lines.add(l.text()), null);
        await(() -> backend.inspect(id, 0).map(x -> !x.running()).orElse(true), "bare container ends");
        await(() -> lines.contains("no-entity"), "bare container output: " + lines);
        assertFalse(lines.contains("entity.key"), lines.toString());
        backend.remove(id);
    }

    @Test
    @Order(4)
    void followsLogsFromATimeWithoutReplayAndRedeployReplacesTheContainer() throws Exception {
        ContainerSpec spec = ContainerSpec.of(svc("logs"), DEBIAN,
                List.of("sh", "-c", "echo one; echo two >&2; sleep 2; echo three; exec sleep 300"), 32 * MIB, 128);
        String first = backend.createAndStart(spec);
        String id = backend.createAndStart(spec);
        assertTrue(backend.inspect(first, 0).isEmpty(), "the redeploy removed the old container");

        List<LogLine> lines = new CopyOnWriteArrayList<>();
        try (AutoCloseable logs = backend.followLogs(id, null, lines::add, null)) {
            await(() -> lines.size() >= 2, "first two lines: " + lines);
        }
        // stdout and stderr are copied by separate engine threads: their relative order is not guaranteed.
        assertEquals(List.of("one", "two"), lines.stream().map(LogLine::text).sorted().toList());
        for (LogLine l : lines) {
            assertEquals(l.text().equals("two"), l.stderr(), "streams kept apart: " + lines);
        }
        Instant lastSeen = lines.stream().map(LogLine::time).max(Instant::compareTo).orElseThrow();
        await(() -> backend.inspect(id, 1).map(x -> x.lastLogLines().contains("three")).orElse(false), "three");

        List<String> resumed = new CopyOnWriteArrayList<>();
        try (AutoCloseable logs = backend.followLogs(id, lastSeen, l -> resumed.add(l.text()), null)) {
            await(() -> resumed.contains("three"), "resumed output: " + resumed);
            Thread.sleep(300);
        }
        assertEquals(List.of("three"), resumed, "nothing before " + lastSeen + " is replayed");
        backend.remove(id);
    }

    @Test
    @Order(11)
    void followsManyContainersOnOneThreadAndAMissingContainerEndsItsStream() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(backend.createAndStart(ContainerSpec.of(svc("many" + i), DEBIAN, List.of("sh", "-c",
                    "i=0; while [ $i -lt 200 ]; do echo many" + i + "-line-$i; i=$((i+1)); done; exec sleep 300"),
                    32 * MIB, 128)));
        }
        List<String> lines = new CopyOnWriteArrayList<>();
        java.util.Set<String> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<AutoCloseable> streams = new ArrayList<>();
        for (String id : ids) {
            streams.add(backend.followLogs(id, null, l -> {
                threads.add(Thread.currentThread().getName());
                lines.add(l.text());
            }, null));
        }
        await(() -> lines.size() >= 600, "600 lines from 3 containers: " + lines.size());
        assertEquals(java.util.Set.of("spawnd-docker-logs"), threads, "all output is read on one thread");
        for (int i = 0; i < 3; i++) {
            int c = i;
            assertEquals(200, lines.stream().filter(l -> l.startsWith("many" + c + "-line-")).count());
        }
        // Closing one stream leaves the others flowing.
        streams.get(0).close();
        String marker = "after-close-" + UUID.randomUUID();
        var exec = docker.execCreateCmd(ids.get(1)).withCmd("sh", "-c", "echo " + marker + " > /proc/1/fd/1").exec();
        docker.execStartCmd(exec.getId()).start().awaitCompletion(10, TimeUnit.SECONDS);
        await(() -> lines.contains(marker), "output after another stream closed");
        for (AutoCloseable s : streams) {
            s.close();
        }

        CountDownLatch ended = new CountDownLatch(1);
        backend.followLogs("0123456789ab" + "cdef".repeat(13), null, l -> { }, ended::countDown);
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the stream of a missing container ends");
        ids.forEach(backend::remove);
    }

    @Test
    @Order(5)
    void dieEventCarriesExitCodeAndInspectSaysWhy() throws Exception {
        CountDownLatch ended = new CountDownLatch(1);
        ContainerSpec spec = ContainerSpec.of(svc("die"), DEBIAN, List.of("sh", "-c", "sleep 1; echo bye; exit 3"),
                32 * MIB, 128);
        String id = backend.createAndStart(spec);
        backend.followLogs(id, null, l -> { }, ended::countDown);
        BackendEvent die = awaitEvent(e -> e.type() == BackendEvent.Type.DIE && id.equals(e.containerId()));
        assertEquals(3, die.exitCode());
        assertEquals(svc("die"), die.serviceName());
        assertTrue(ended.await(10, TimeUnit.SECONDS), "the log stream ends with the container");
        ContainerExit exit = backend.inspect(id, 5).orElseThrow();
        assertFalse(exit.running());
        assertEquals(3, exit.exitCode());
        assertFalse(exit.oomKilled());
        assertEquals(List.of("bye"), exit.lastLogLines());
        assertEquals("exited with code 3", exit.summary());
    }

    @Test
    @Order(6)
    void outOfMemoryIsDetected() {
        ContainerSpec spec = ContainerSpec.of(svc("oom"), DEBIAN, List.of("tail", "/dev/zero"), 16 * MIB, 128);
        String id = backend.createAndStart(spec);
        BackendEvent die = awaitEvent(e -> e.type() == BackendEvent.Type.DIE && id.equals(e.containerId()));
        assertEquals(137, die.exitCode());
        awaitEvent(e -> e.type() == BackendEvent.Type.OOM && id.equals(e.containerId()));
        ContainerExit exit = backend.inspect(id, 5).orElseThrow();
        assertTrue(exit.oomKilled(), exit.toString());
        assertTrue(exit.summary().contains("OOMKilled"), exit.summary());
        backend.remove(id);
    }

    @Test
    @Order(7)
    void startFailureSaysWhyAndLeavesNothing() {
        ContainerSpec spec = ContainerSpec.of(svc("bad"), DEBIAN, List.of("/no/such/program"), 32 * MIB, 128);
        ContainerStartException e = assertThrows(ContainerStartException.class, () -> backend.createAndStart(spec));
        assertTrue(e.getMessage().contains("the command '/no/such/program' (the first item of 'run') does not exist in"
                + " image " + DEBIAN), e.getMessage());
        assertNotNull(e.exit(), "the container had been created: its state is reported");
        assertEquals(127, e.exit().exitCode(), e.exit().toString());
        assertThrows(NotFoundException.class,
                () -> docker.inspectContainerCmd(backend.names().containerName(svc("bad"))).exec());
    }

    @Test
    @Order(8)
    void listsOwnContainersOnlyAndLeavesOthersAlone() {
        String foreignName = backend.names().containerName(svc("foreign"));
        String foreign = docker.createContainerCmd(DEBIAN).withName(foreignName).withCmd("true")
                .withLabels(Map.of("it.owner", instanceId)).exec().getId();
        try {
            List<OwnedContainer> owned = backend.listOwned();
            assertTrue(owned.stream().anyMatch(c -> c.id().equals(runId) && c.running()
                    && c.serviceName().equals(svc("run"))), owned.toString());
            assertTrue(owned.stream().anyMatch(c -> c.serviceName().equals(svc("die")) && !c.running()), owned.toString());
            assertTrue(owned.stream().noneMatch(c -> c.id().equals(foreign)), owned.toString());
            assertTrue(owned.stream().allMatch(c -> instanceId.equals(c.labels().get(Labels.INSTANCE))));
            // A re-adopting spawnd reports the engine's start time: the running one has State.StartedAt, to the ns.
            OwnedContainer run = owned.stream().filter(c -> c.id().equals(runId)).findFirst().orElseThrow();
            assertEquals(Instant.parse(docker.inspectContainerCmd(runId).exec().getState().getStartedAt()),
                    run.startedAt(), owned.toString());
            assertTrue(owned.stream().filter(c -> !c.running()).allMatch(c -> c.startedAt() == null), owned.toString());

            ContainerStartException e = assertThrows(ContainerStartException.class, () -> backend.createAndStart(
                    ContainerSpec.of(svc("foreign"), DEBIAN, List.of("true"), 32 * MIB, 128)));
            assertTrue(e.getMessage().contains("does not own"), e.getMessage());
            assertEquals(foreign, docker.inspectContainerCmd(foreignName).exec().getId(), "left alone");
        } finally {
            docker.removeContainerCmd(foreign).withForce(true).exec();
        }
    }

    @Test
    @Order(9)
    void stopRestartRemove() {
        assertNotNull(runId, "needs the container of the run test");
        backend.stop(runId, Duration.ofSeconds(1));
        assertFalse(backend.inspect(runId, 0).orElseThrow().running());
        awaitEvent(e -> e.type() == BackendEvent.Type.DIE && runId.equals(e.containerId()));
        backend.stop(runId, Duration.ofSeconds(1));   // already stopped: fine

        Instant beforeRestart = Instant.now();
        backend.restart(runId, Duration.ofSeconds(1));
        assertTrue(backend.inspect(runId, 0).orElseThrow().running());
        List<String> lines = new CopyOnWriteArrayList<>();
        backend.followLogs(runId, beforeRestart, l -> lines.add(l.text()), null);
        await(() -> lines.contains(secret), "the copied entity survives a restart: " + lines);

        assertFalse(backend.removeServiceImage(svc("run")), "still used by the container");
        backend.remove(runId);
        assertTrue(backend.inspect(runId, 0).isEmpty());
        assertTrue(backend.listOwned().stream().noneMatch(c -> c.id().equals(runId)));
        backend.remove(runId);   // already gone: fine
        assertTrue(backend.removeServiceImage(svc("run")));
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd(builtImage).exec());
        assertFalse(backend.removeServiceImage(svc("run")), "gone already");
    }

    @Test
    @Order(10)
    void deployWithoutBuildRunsTheBaseImageDirectly() {
        List<String> output = new ArrayList<>();
        assertEquals(DEBIAN, backend.prepareImage(svc("plain"), ImageSpec.of(DEBIAN), output::add));
        assertEquals(List.of(), output);
        assertThrows(NotFoundException.class,
                () -> docker.inspectImageCmd(backend.names().imageName(svc("plain"))).exec());
    }

    /** A container of Spawnpoint 0.2's naming ({@code spawnpoint_<svc>}) with this daemon's labels is still its own. */
    @Test
    @Order(11)
    void containersOfTheOldNamingAreStillFoundByLabel() {
        String legacy = docker.createContainerCmd(DEBIAN).withName("spawnpoint_" + svc("legacy")).withCmd("true")
                .withLabels(Labels.owned(instanceId, svc("legacy"))).exec().getId();
        assertTrue(backend.listOwned().stream().anyMatch(c -> c.id().equals(legacy)
                && c.serviceName().equals(svc("legacy"))));
        backend.remove(legacy);
        assertTrue(backend.inspect(legacy, 0).isEmpty());
    }

    /** A volume of the earlier naming ({@code <svc>.<vol>}) keeps serving its own service, and no other. */
    @Test
    @Order(12)
    void volumesOfTheOldNamingKeepTheirDataForTheirOwnServiceOnly() {
        String svc = svc("keep");
        docker.createVolumeCmd().withName(svc + ".data").withLabels(Labels.owned(instanceId, svc)).exec();
        // "x.data" of the old naming could also have been service "<svc>.x"'s volume "data": labelled so here.
        docker.createVolumeCmd().withName(svc + ".x.data").withLabels(Labels.owned(instanceId, svc + ".x")).exec();
        String own = backend.createAndStart(ContainerSpec.of(svc, DEBIAN, List.of("sleep", "60"), 32 * MIB, 128)
                .withVolumes(List.of("data", "x.data")));
        try {
            List<String> mounted = docker.inspectContainerCmd(own).exec().getMounts().stream()
                    .map(m -> m.getName()).sorted().toList();
            assertEquals(List.of(svc + ".data", backend.names().volumeName(svc, "x.data")), mounted);
        } finally {
            backend.remove(own);
        }
    }

    @AfterAll
    void cleanUpByLabel() throws Exception {
        if (monitor != null) {
            monitor.close();
        }
        if (docker == null) {
            return;
        }
        Map<String, String> mine = Map.of(Labels.INSTANCE, instanceId);
        for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(mine).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
        }
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("it.owner", instanceId)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        var volumes = docker.listVolumesCmd().withFilter("label", List.of(Labels.INSTANCE + "=" + instanceId)).exec();
        if (volumes.getVolumes() != null) {
            volumes.getVolumes().forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
        }
        for (Network n : docker.listNetworksCmd().withFilter("label", List.of(Labels.INSTANCE + "=" + instanceId))
                .exec()) {
            docker.removeNetworkCmd(n.getId()).exec();
        }
        for (Image i : docker.listImagesCmd().withLabelFilter(Map.of(Labels.BUILT_BY, instanceId)).exec()) {
            docker.removeImageCmd(i.getId()).withForce(true).exec();
        }
        backend.close();
    }

    private BackendEvent awaitEvent(Predicate<BackendEvent> wanted) {
        await(() -> events.stream().anyMatch(wanted), "event; got " + events);
        return events.stream().filter(wanted).findFirst().orElseThrow();
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
    }

    /** For each needle, whether it occurs in the stream (a plain search with a carried-over tail). */
    private static List<Boolean> contains(InputStream in, byte[]... needles) throws IOException {
        Boolean[] found = new Boolean[needles.length];
        java.util.Arrays.fill(found, false);
        int longest = java.util.Arrays.stream(needles).mapToInt(b -> b.length).max().orElse(1);
        byte[] buf = new byte[1 << 16];
        byte[] window = new byte[0];
        int n;
        while ((n = in.read(buf)) > 0) {
            byte[] joined = new byte[window.length + n];
            System.arraycopy(window, 0, joined, 0, window.length);
            System.arraycopy(buf, 0, joined, window.length, n);
            for (int i = 0; i < needles.length; i++) {
                found[i] = found[i] || indexOf(joined, needles[i]) >= 0;
            }
            int keep = Math.min(longest - 1, joined.length);
            window = java.util.Arrays.copyOfRange(joined, joined.length - keep, joined.length);
        }
        return List.of(found);
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }
}
