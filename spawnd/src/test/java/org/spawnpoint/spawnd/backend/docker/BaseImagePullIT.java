package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PushResponseItem;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ImageBuildException;
import org.spawnpoint.spawnd.backend.ImageSpec;

/**
 * A base image is pulled only when it is missing. There is no public registry here, so the test runs Debian's
 * {@code docker-registry} on loopback (no TLS needed there) and pushes the project's Debian image to it.
 * {@code .ci/ensure-images} installs {@code docker-registry}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BaseImagePullIT {
    private static final String DEBIAN = "spawnpoint/debian:bookworm";

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private DockerBackend backend;
    private DockerClient docker;
    private Process registry;
    private Path storage;
    private String repository;
    private String image;

    @BeforeAll
    void startRegistryAndPush() throws Exception {
        try {
            backend = DockerBackend.connect("it-pull-" + suffix);
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine (run .ci/ensure-docker): " + e.getMessage());
        }
        docker = backend.client();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        storage = Files.createTempDirectory("spawnpoint-registry");
        Path config = storage.resolve("config.yml");
        Files.writeString(config, "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + storage.resolve("data")
                + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        try {
            registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                    .redirectErrorStream(true).redirectOutput(storage.resolve("registry.log").toFile()).start();
        } catch (IOException e) {
            fail("docker-registry is needed (apt-get install docker-registry, or run .ci/ensure-images): " + e);
        }
        awaitRegistry(port);

        repository = "127.0.0.1:" + port + "/spawnpoint-it/debian";
        image = repository + ":" + suffix;
        docker.tagImageCmd(DEBIAN, repository, suffix).exec();
        docker.pushImageCmd(repository).withTag(suffix).exec(new ResultCallback.Adapter<PushResponseItem>())
                .awaitCompletion(2, TimeUnit.MINUTES);
        docker.removeImageCmd(image).exec();
        assertThrows(NotFoundException.class, () -> docker.inspectImageCmd(image).exec());
    }

    @Test
    @Order(1)
    void pullsAMissingBaseImageOnceThenUsesTheLocalOne() {
        List<String> output = new ArrayList<>();
        assertEquals(image, backend.prepareImage("it-pull", ImageSpec.of(image), output::add));
        assertEquals(List.of("Pulling base image " + image), output);
        docker.inspectImageCmd(image).exec();

        output.clear();
        assertEquals(image, backend.prepareImage("it-pull", ImageSpec.of(image), output::add));
        assertEquals(List.of(), output, "present: not pulled again");
    }

    @Test
    @Order(2)
    void anImageRemovedAfterItWasCheckedIsPulledAgainAtCreate() {
        assertEquals(image, backend.prepareImage("it-pull", ImageSpec.of(image), line -> { }));
        docker.removeImageCmd(image).exec();
        String id = backend.createAndStart(ContainerSpec.of("it-pull", image, List.of("true"), 32 * 1024 * 1024, 128));
        try {
            assertEquals(docker.inspectImageCmd(image).exec().getId(), docker.inspectContainerCmd(id).exec().getImageId());
        } finally {
            backend.remove(id);
        }
    }

    @Test
    void anImageNoRegistryHasIsAClearFailure() {
        String missing = repository + ":no-such-tag";
        ImageBuildException e = assertThrows(ImageBuildException.class,
                () -> backend.prepareImage("it-pull", ImageSpec.of(missing), line -> { }));
        assertTrue(e.getMessage().startsWith("base image " + missing + " is not present and could not be pulled"),
                e.getMessage());
    }

    @AfterAll
    void cleanUp() throws Exception {
        if (docker != null && image != null) {
            try {
                docker.removeImageCmd(image).exec();
            } catch (NotFoundException ignored) {
                // not pulled
            }
        }
        if (registry != null) {
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
        if (storage != null) {
            try (Stream<Path> files = Files.walk(storage)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (backend != null) {
            backend.close();
        }
    }

    private static void awaitRegistry(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/v2/").toURL()
                        .openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        fail("docker-registry did not answer on 127.0.0.1:" + port + " within 20 s");
    }
}
