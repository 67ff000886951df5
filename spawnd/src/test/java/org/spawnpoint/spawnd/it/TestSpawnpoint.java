package org.spawnpoint.spawnd.it;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;
import org.spawnpoint.bosswave.router.RouterMain;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.DaemonConfig;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.daemon.CrashBackoff;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import picocli.CommandLine;

/**
 * Fixture for integration tests: a real router with the namespace {@code scratch.ns} (made with {@code bw2 init}),
 * spawnd's and a user's entity, and a daemon config file for the spawnpoint {@code scratch.ns/spawnpoint/<alias>}.
 */
final class TestSpawnpoint implements AutoCloseable {
    static final String NAMESPACE = "scratch.ns";
    static final String IMAGE = "spawnpoint/debian:bookworm";

    final Path dir;
    Router router;
    final Path spawndKey;
    final Path userKey;
    final Path strangerKey;
    final String alias;
    /** The daemon started by {@link #startDaemon}, and the instance id its containers carry. */
    Daemon daemon;
    String instanceId;

    private TestSpawnpoint(Path dir, Router router, String alias) {
        this.dir = dir;
        this.router = router;
        this.alias = alias;
        this.spawndKey = dir.resolve("keys/spawnd.key");
        this.userKey = dir.resolve("keys/user.key");
        this.strangerKey = dir.resolve("keys/stranger.key");
    }

    static TestSpawnpoint start(Path dir, String alias) {
        Path data = dir.resolve("data");
        run("init", "--data", data.toString(), "--out", dir.resolve("keys").toString(), "--alias", NAMESPACE,
                "--entity", "spawnd", "--entity", "user");
        run("mkentity", "--data", data.toString(), "-o", dir.resolve("keys/stranger.key").toString());
        Router router = Router.start(RouterConfig.builder().listen("127.0.0.1:0").dataDir(data).build());
        return new TestSpawnpoint(dir, router, alias);
    }

    private static void run(String... args) {
        int rc = new CommandLine(new RouterMain()).execute(args);
        if (rc != 0) {
            throw new IllegalStateException("bw2 " + args[0] + " failed with exit code " + rc);
        }
    }

    String path() {
        return NAMESPACE + "/spawnpoint/" + alias;
    }

    /** The container of service {@code svc} of the daemon with instance id {@code instanceId}. */
    static String containerName(String instanceId, String svc) {
        return org.spawnpoint.spawnclient.model.NameRules.containerName(
                org.spawnpoint.spawnclient.model.NameRules.instanceToken(instanceId), svc);
    }

    /** Writes a daemon config file and returns its path. */
    Path writeConfig(String memAlloc, int cpuShares) throws Exception {
        Path cfg = dir.resolve("config-" + alias + ".yml");
        Files.writeString(cfg, "entity: " + spawndKey + "\nalias: " + alias + "\npath: " + path() + "\nlocalRouter: "
                + router.address() + "\nmemAlloc: " + memAlloc + "\ncpuShares: " + cpuShares + "\nstateDir: "
                + dir.resolve("state-" + alias) + "\n");
        return cfg;
    }

    /** Starts spawnd in this JVM on the real engine, with a pool of {@code memAlloc}/{@code cpuShares}. */
    Daemon startDaemon(String memAlloc, int cpuShares, Map<String, String> metadata) throws Exception {
        daemon = Daemon.start(DaemonConfig.load(writeConfig(memAlloc, cpuShares)), metadata, id -> {
            instanceId = id;
            return DockerBackend.connect(id);
        }, CrashBackoff.DEFAULT);
        return daemon;
    }

    /** Removes every container any spawnd made on this engine in this test (by the reserved label). */
    static void removeOwnedContainers(String instanceId) {
        try (DockerClient docker = DockerBackend.newClient()) {
            List<Container> list = docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.INSTANCE, instanceId)).exec();
            for (Container c : list) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
                } catch (com.github.dockerjava.api.exception.NotFoundException gone) {
                    // removed meanwhile (spawnd's own cleanup): fine
                }
            }
            // Named volumes and built images of the test services: spawnd keeps volumes (they hold user data).
            for (var v : docker.listVolumesCmd().exec().getVolumes()) {
                if (v.getLabels() != null && instanceId.equals(v.getLabels().get(Labels.INSTANCE))) {
                    try {
                        docker.removeVolumeCmd(v.getName()).exec();
                    } catch (RuntimeException inUse) {
                        // still mounted by a container being removed: left for the engine
                    }
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("cleanup failed: " + e.getMessage(), e);
        }
    }

    /** Stops the router and starts it again on the same port and data directory. */
    void restartRouter() {
        int port = router.port();
        router.close();
        router = Router.start(RouterConfig.builder().listen("127.0.0.1:" + port).dataDir(dir.resolve("data")).build());
    }

    /** Stops the daemon (if started here), removes what it left in Docker, and stops the router. */
    @Override
    public void close() {
        try {
            if (daemon != null) {
                daemon.close();
            }
        } finally {
            if (instanceId != null) {
                removeOwnedContainers(instanceId);
            }
            router.close();
        }
    }
}
