package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import org.testcontainers.containers.BindMode;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The spawnd image (docker/build-images.sh) run with Testcontainers as the README's unit runs it: /etc/spawnd and the
 * Docker socket mounted, host network, a real router. It deploys the example service, whose log reaches the tail and
 * whose signal reaches a subscriber; the service's entity is in no image layer.
 */
class SpawndImageIT {
    @TempDir
    Path dir;

    static Path repositoryRoot() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.exists(p.resolve("docker/build-images.sh"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("docker/build-images.sh not found above " + Path.of("").toAbsolutePath());
        }
        return p;
    }

    static void buildSpawndImage(Path root) throws Exception {
        Process p = new ProcessBuilder(root.resolve("docker/build-images.sh").toString(), "spawnd").directory(root.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("docker/build-images.sh spawnd failed:\n" + out);
        }
    }

    @Test
    void spawndImageDeploysTheExampleService() throws Exception {
        Path root = repositoryRoot();
        buildSpawndImage(root);
        TestSpawnpoint sp = TestSpawnpoint.start(dir, "boxed");
        // Service containers reach the router through the bridge, so it listens on every interface.
        sp.router.close();
        sp.router = Router.start(RouterConfig.builder().listen("0.0.0.0:0").dataDir(dir.resolve("data")).build());
        int port = sp.router.port();
        String bridge = GitHttpServer.bridgeAddress();

        Path etc = dir.resolve("etc-spawnd");
        Files.createDirectories(etc);
        Files.copy(sp.spawndKey, etc.resolve("spawnd.key"));
        Files.writeString(etc.resolve("config.yml"), "entity: /etc/spawnd/spawnd.key\nalias: boxed\npath: " + sp.path()
                + "\nlocalRouter: 127.0.0.1:" + port + "\ncontainerRouter: " + bridge + ":" + port
                + "\nmemAlloc: 1G\ncpuShares: 1024\n");
        Files.writeString(etc.resolve("metadata.yml"), "room: container\n");

        // Its own name: other runs on the same engine (other worktrees) deploy the example too.
        String name = "hello-" + Long.toHexString(System.nanoTime());
        Path svc = dir.resolve("hello");
        Files.createDirectories(svc);
        for (String f : List.of("Hello.java", "params.yml", "deploy.yml")) {
            Files.copy(root.resolve("examples/hello-service").resolve(f), svc.resolve(f));
        }
        Files.copy(sp.userKey, svc.resolve("hello.key"));

        List<String> instance = new ArrayList<>();
        try (GenericContainer<?> spawnd = new GenericContainer<>("spawnpoint/spawnd:latest")
                .withNetworkMode("host")
                .withFileSystemBind(etc.toString(), "/etc/spawnd", BindMode.READ_ONLY)
                .withFileSystemBind("/var/run/docker.sock", "/var/run/docker.sock", BindMode.READ_WRITE)
                .waitingFor(Wait.forLogMessage(".*Spawnpoint Daemon - Version.*", 1)
                        .withStartupTimeout(Duration.ofSeconds(60)));
             BosswaveClient user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build())) {
            spawnd.start();
            instance.add(spawnd.execInContainer("cat", "/var/lib/spawnd/instance-id").getStdout().trim());
            user.setEntityFile(sp.userKey);
            List<String> greetings = new CopyOnWriteArrayList<>();
            user.subscribe(SubscribeParams.uri("scratch.ns/services/s.hello/greeter/i.hello/signal/greeting")
                    .autoChain(true), m -> m.payload(PoNum.STRING).ifPresent(p -> greetings.add(p.contentAsString())));

            List<LogEntry> log = new CopyOnWriteArrayList<>();
            ServiceConfig config = ServiceConfig.parse(Files.readString(svc.resolve("deploy.yml"))).withServiceName(name);
            try (LogTail tail = SpawnClients.create(user).deploy(sp.path(), config, svc, log::add)) {
                long end = System.currentTimeMillis() + 120_000;
                while ((greetings.isEmpty() || log.stream().noneMatch(e -> e.contents().contains("published")))
                        && System.currentTimeMillis() < end) {
                    Thread.sleep(100);
                }
                StringBuilder seen = new StringBuilder();
                log.forEach(e -> seen.append(e.contents()).append('\n'));
                assertTrue(log.stream().anyMatch(e -> e.contents().contains("[SUCCESS] Container (re)start successful")),
                        seen.toString() + spawnd.getLogs());
                assertTrue(log.stream().anyMatch(e -> e.contents().contains("published")), seen.toString());
                assertTrue(greetings.stream().anyMatch(g -> g.startsWith("Hello from Spawnpoint")), greetings.toString());
            }

            try (DockerClient docker = DockerBackend.newClient()) {
                InspectContainerResponse c = docker.inspectContainerCmd(
                        TestSpawnpoint.containerName(instance.get(0), name)).exec();
                String image = c.getConfig().getImage();
                assertEquals("spawnpoint/base:latest", image, "no build: the base image runs directly");
                String entityB64 = Base64.getEncoder().encodeToString(Files.readAllBytes(sp.userKey));
                Process history = new ProcessBuilder("docker", "history", "--no-trunc", "--format", "{{.CreatedBy}}",
                        image).redirectErrorStream(true).start();
                String layers = new String(history.getInputStream().readAllBytes());
                assertEquals(0, history.waitFor(), layers);
                assertTrue(!layers.contains("entity.key") && !layers.contains(entityB64.substring(0, 24)),
                        "an image layer mentions the entity:\n" + layers);
                assertTrue(docker.containerDiffCmd(c.getId()).exec().stream()
                        .anyMatch(d -> d.getPath().equals("/srv/spawnpoint/entity.key")),
                        "the entity is in the container's own layer");
            }
        } finally {
            if (!instance.isEmpty()) {
                TestSpawnpoint.removeOwnedContainers(instance.get(0));
            }
            try (DockerClient docker = DockerBackend.newClient()) {
                for (Container c : docker.listContainersCmd().withShowAll(true)
                        .withLabelFilter(Map.of(Labels.SERVICE, name, Labels.MANAGED, "true")).exec()) {
                    if (!instance.isEmpty() && instance.get(0).equals(c.getLabels().get(Labels.INSTANCE))) {
                        docker.removeContainerCmd(c.getId()).withForce(true).exec();
                    }
                }
            }
            sp.close();
        }
    }
}
