package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerHardening;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ContainerStartException;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * The entity as a read-only bind mount from spawnd's state directory (a local engine), on the real engine: the
 * service reads it where it always did, it is not in the container's own file system, and its file goes with the
 * container.
 */
class EntityMountIT {
    private static final String DEBIAN = "spawnpoint/debian:bookworm";
    private static final long MIB = 1024 * 1024;

    private final String instanceId = "it-" + UUID.randomUUID();
    private final String secret = "SECRET-ENTITY-" + UUID.randomUUID();
    @TempDir
    Path state;
    private DockerBackend backend;
    private DockerClient docker;

    @BeforeEach
    void connect() {
        try {
            backend = DockerBackend.connect(instanceId, ContainerHardening.DEFAULTS, state);
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine (run .ci/ensure-docker): " + e.getMessage());
        }
        docker = backend.client();
    }

    @AfterEach
    void cleanUpByLabel() {
        if (docker != null) {
            for (Container c : docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.INSTANCE, instanceId)).exec()) {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
            }
            backend.close();
        }
    }

    private ContainerSpec spec(String svc, List<String> command) {
        return new ContainerSpec("it-" + svc, DEBIAN, command, Map.of("BW2_DEFAULT_ENTITY", ContainerFile.ENTITY_PATH),
                32 * MIB, 128, List.of(), null, "/srv/spawnpoint",
                List.of(ContainerFile.entity(secret.getBytes(StandardCharsets.UTF_8)),
                        ContainerFile.of("params.yml", "a: 1\n".getBytes(StandardCharsets.UTF_8))), Map.of());
    }

    private List<String> entityFiles() throws Exception {
        try (Stream<Path> files = Files.list(state.resolve("entities"))) {
            return files.map(Path::toString).toList();
        }
    }

    @Test
    void theServiceReadsItsEntityFromAReadOnlyBindAndTheFileGoesWithTheContainer() throws Exception {
        String id = backend.createAndStart(spec("reads", List.of("sh", "-c",
                "stat -c 'mode %a' $BW2_DEFAULT_ENTITY; cat $BW2_DEFAULT_ENTITY; echo; cat params.yml;"
                        + " (echo x > $BW2_DEFAULT_ENTITY) 2>/dev/null || echo read-only; sleep 60")));
        List<String> lines = new CopyOnWriteArrayList<>();
        backend.followLogs(id, null, l -> lines.add(l.text()), null);
        await(() -> lines.contains("read-only"), "the service's output: " + lines);
        assertEquals(List.of("mode 400", secret, "a: 1", "read-only"), lines);

        InspectContainerResponse c = docker.inspectContainerCmd(id).exec();
        InspectContainerResponse.Mount m = c.getMounts().stream()
                .filter(x -> ContainerFile.ENTITY_PATH.equals(x.getDestination().getPath())).findFirst().orElseThrow();
        assertFalse(m.getRW(), "the entity is mounted read-only");
        assertEquals(List.of(m.getSource()), entityFiles());
        // Not in the container's own file system: a commit or export of the container does not carry it (the
        // engine leaves an empty file there, the mount point).
        assertFalse(exportHolds(id, secret), "the entity's bytes are in docker export of the container");
        assertTrue(exportHolds(id, "a: 1"), "other files are still copied in");

        backend.restart(id, Duration.ofSeconds(1));
        assertTrue(backend.inspect(id, 0).orElseThrow().running(), "restarted with its entity in place");
        backend.remove(id);
        assertEquals(List.of(), entityFiles());
    }

    @Test
    void aFailedStartAndAnOldContainerOfTheNameLeaveNoFileBehind() throws Exception {
        assertThrows(ContainerStartException.class,
                () -> backend.createAndStart(spec("bad", List.of("/no/such/program"))));
        assertEquals(List.of(), entityFiles());
        // An old container of the same name (this spawnd's) is replaced, and only its own file goes with it.
        String first = backend.createAndStart(spec("twice", List.of("sleep", "60")));
        String second = backend.createAndStart(spec("twice", List.of("sleep", "60")));
        assertFalse(first.equals(second));
        List<String> files = entityFiles();
        assertEquals(1, files.size(), files.toString());
        assertTrue(backend.inspect(second, 0).orElseThrow().running());
        backend.remove(second);
        assertEquals(List.of(), entityFiles());
    }

    @Test
    void startingAgainClearsFilesOfContainersThatAreGone() throws Exception {
        String id = backend.createAndStart(spec("kept", List.of("sleep", "60")));
        String kept = entityFiles().get(0);
        Path stale = state.resolve("entities").resolve("spawnpoint_gone_svc.1.key");
        Files.writeString(stale, "old");
        backend.close();
        backend = DockerBackend.connect(instanceId, ContainerHardening.DEFAULTS, state);
        assertEquals(List.of(kept), entityFiles());
        assertEquals(Set.of(kept), new EntityMounts(state.resolve("entities")).inUse(docker, instanceId));
        backend.remove(id);
    }

    /** Whether {@code docker export} of the container (its file system without mounts) holds {@code text}. */
    private static boolean exportHolds(String id, String text) throws Exception {
        Process p = new ProcessBuilder("docker", "export", id).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        boolean found = false;
        try (var in = p.getInputStream()) {
            byte[] all = in.readAllBytes(); // the Debian base image: about 120 MB, once per call
            for (int i = 0; !found && i + needle.length <= all.length; i++) {
                found = java.util.Arrays.equals(all, i, i + needle.length, needle, 0, needle.length);
            }
        }
        assertEquals(0, p.waitFor(), "docker export " + id);
        return found;
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out after 30 s waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void anEngineThatCannotSeeTheFilesGetsTheEntityCopiedIn() throws Exception {
        backend.close();
        // Stands in for an engine in another mount namespace: the source it is given does not exist for it.
        EntityMounts unseen = new EntityMounts(state.resolve("entities")) {
            @Override
            com.github.dockerjava.api.model.Mount write(String containerName, byte[] entity) {
                var m = super.write(containerName, entity);
                delete(m.getSource());
                return m;
            }
        };
        backend = new DockerBackend(docker, instanceId, null, ContainerHardening.DEFAULTS, unseen);
        for (String svc : List.of("unseen1", "unseen2")) {
            String id = backend.createAndStart(spec(svc, List.of("sh", "-c", "cat $BW2_DEFAULT_ENTITY; echo; sleep 60")));
            List<String> lines = new CopyOnWriteArrayList<>();
            backend.followLogs(id, null, l -> lines.add(l.text()), null);
            await(() -> lines.contains(secret), "the service's output: " + lines);
            assertTrue(exportHolds(id, secret), "copied in: the entity is in the container's file system");
        }
        assertEquals(List.of(), entityFiles());
    }
}
