package org.spawnpoint.spawnd.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;
import org.spawnpoint.bosswave.router.RouterMain;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import picocli.CommandLine;

/**
 * What both benchmarks stand on: a real in-process router with the namespace {@code bench.ns} made by {@code bw2 init},
 * a daemon config for {@code bench.ns/spawnpoint/<alias>}, and a user client that deploys over BOSSWAVE (like
 * spawnctl) and records the daemon's log signal together with the moment each entry arrived.
 */
final class BenchSpawnpoint implements AutoCloseable {
    static final String NAMESPACE = "bench.ns";
    static final String IMAGE = "spawnpoint/debian:bookworm";

    /** A log entry as received by the user client; {@code received} is the client's clock. */
    record Received(LogEntry entry, Instant received) {
    }

    final Path dir;
    final Router router;
    final String alias;
    final Path spawndKey;
    final Path userKey;
    private final List<Received> log = new CopyOnWriteArrayList<>();
    private BosswaveClient user;

    private BenchSpawnpoint(Path dir, Router router, String alias) {
        this.dir = dir;
        this.router = router;
        this.alias = alias;
        this.spawndKey = dir.resolve("keys/spawnd.key");
        this.userKey = dir.resolve("keys/user.key");
    }

    static BenchSpawnpoint start(Path dir, String alias) {
        Path data = dir.resolve("data");
        int rc = new CommandLine(new RouterMain()).execute("init", "--data", data.toString(), "--out",
                dir.resolve("keys").toString(), "--alias", NAMESPACE, "--entity", "spawnd", "--entity", "user");
        if (rc != 0) {
            throw new IllegalStateException("bw2 init failed with exit code " + rc);
        }
        Router router = Router.start(RouterConfig.builder().listen("127.0.0.1:0").dataDir(data).build());
        return new BenchSpawnpoint(dir, router, alias);
    }

    String path() {
        return NAMESPACE + "/spawnpoint/" + alias;
    }

    Path stateDir() {
        return dir.resolve("state-" + alias);
    }

    Path writeConfig(String memAlloc, int cpuShares) throws Exception {
        Path cfg = dir.resolve("config-" + alias + ".yml");
        Files.writeString(cfg, "entity: " + spawndKey + "\nalias: " + alias + "\npath: " + path() + "\nlocalRouter: "
                + router.address() + "\nmemAlloc: " + memAlloc + "\ncpuShares: " + cpuShares + "\nstateDir: "
                + stateDir() + "\n");
        return cfg;
    }

    /** Connects the user client and subscribes to the daemon's log signal. */
    void connectUser() throws Exception {
        user = Bosswave.connect(ClientOptions.builder().address(router.address()).build());
        user.setEntityFile(userKey);
        user.subscribe(SubscribeParams.uri(SpawnUris.log(path())).autoChain(true), m -> {
            Instant now = Instant.now();
            m.payload(PoNum.SPAWNPOINT_LOG).ifPresent(p -> log.add(new Received(LogEntry.decode(p.content()), now)));
        });
    }

    /** A service config with no build: the cached image run directly. */
    String serviceConfig(String name, String run, String memAlloc, int cpuShares) throws Exception {
        return "serviceName: " + name + "\nentity: " + Base64.getEncoder().encodeToString(Files.readAllBytes(userKey))
                + "\nimage: " + IMAGE + "\nrun: " + run + "\nmemAlloc: " + memAlloc + "\ncpuShares: " + cpuShares
                + "\n";
    }

    /** Publishes a config on the config slot, as {@code spawnctl deploy} does; returns the moment just before. */
    Instant deploy(String yaml) {
        PublishParams p = PublishParams.uri(SpawnUris.configSlot(path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes()));
        Instant before = Instant.now();
        user.publish(p);
        return before;
    }

    void stop(String service) {
        user.publish(PublishParams.uri(SpawnUris.stopSlot(path())).autoChain(true)
                .payload(PayloadObject.ofString(service)));
    }

    /** Waits for the first log entry of {@code service} whose text matches; fails on a [FAILURE] of that service. */
    Received awaitLog(String service, Predicate<String> what, String description, long timeoutMillis)
            throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            for (Received r : log) {
                if (r.entry().service().equals(service)) {
                    if (what.test(r.entry().contents())) {
                        return r;
                    }
                    if (r.entry().contents().startsWith("[FAILURE]")) {
                        throw new IllegalStateException(service + ": " + r.entry().contents());
                    }
                }
            }
            Thread.sleep(2);
        }
        throw new IllegalStateException("no log of " + service + " with " + description + " within "
                + timeoutMillis + " ms");
    }

    /** Forgets the log so far (between rounds, to keep the scans short). */
    void clearLog() {
        log.clear();
    }

    /**
     * The {@code org.spawnpoint.instance} label value of the daemon or baseline with role {@code role} in this run:
     * {@code bench-<run>-<role>}, where the run id comes from {@code -Dspawnd.bench.runId} (so that bench.sh can clean
     * up by label even after a SIGKILL) or is random.
     */
    static String instanceId(String role) {
        return "bench-" + RUN_ID + "-" + role;
    }

    static final String RUN_ID = System.getProperty("spawnd.bench.runId",
            java.util.UUID.randomUUID().toString().substring(0, 8));

    /** Removes every container, and volume, carrying {@code org.spawnpoint.instance=<instanceId>}. */
    static int removeContainers(DockerClient docker, String instanceId) {
        List<Container> list = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.INSTANCE, instanceId)).exec();
        for (Container c : list) {
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            } catch (RuntimeException e) {
                System.err.println("cleanup: cannot remove " + c.getId() + ": " + e.getMessage());
            }
        }
        return list.size();
    }

    static int removeContainers(String instanceId) {
        try (DockerClient docker = DockerBackend.newClient()) {
            return removeContainers(docker, instanceId);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Deletes the benchmark's directory (keys, router data, state, spawnd's output); kept only when a run failed. */
    static void deleteTree(Path dir) throws java.io.IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Override
    public void close() {
        if (user != null) {
            user.close();
        }
        router.close();
    }
}
