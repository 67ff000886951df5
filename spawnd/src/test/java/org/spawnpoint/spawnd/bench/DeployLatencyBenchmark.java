package org.spawnpoint.spawnd.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.DaemonConfig;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import org.spawnpoint.spawnd.daemon.CrashBackoff;

/**
 * Deploy latency of a cached image with no build, over BOSSWAVE, next to docker-java's own create+start of the same
 * container in the same run (interleaved, alternating which goes first, so that engine drift hits both alike).
 *
 * <p>spawnd side, per deploy: the user client publishes the config on the config slot (as {@code spawnctl deploy});
 * the figures are (a) publish to the engine's {@code State.StartedAt} of the container, (b) the daemon's own
 * {@code [INFO] Booting service} to {@code [SUCCESS] Container (re)start successful} (the {@code Time} of its log
 * messages, ms resolution), (c) publish to the client receiving that success message. Baseline, per run: a bare
 * docker-java create (same image, command, env, working dir, labels, hard memory limit and CPU shares) + copy of the
 * entity file + start: (a') call to {@code StartedAt}, (b') call to start returning. Each service is stopped over the
 * stop slot (untimed) before the next, so every deploy meets the same engine.
 *
 * <p>Usage: {@code DeployLatencyBenchmark [runs=20] [warmup=3] [--in-process]}. By default spawnd runs as its own JVM
 * started by {@code bin/spawnd} with its defaults ({@link SpawndProcess}); {@code --in-process} runs it
 * inside this JVM instead. Everything is removed by the {@code org.spawnpoint.instance} labels at the end, also on
 * Ctrl-C.
 */
public final class DeployLatencyBenchmark {
    private static final String MEM = "64M";
    private static final long MEM_BYTES = 64L << 20;
    private static final int CPU_SHARES = 256;
    /** Exits at once on SIGTERM, so that the untimed stop between rounds does not wait for the 3 s stop timeout. */
    private static final String SH_SCRIPT = "trap 'exit 0' TERM; sleep 600 & wait";
    private static final String SUCCESS = "[SUCCESS] Container (re)start successful";
    private static final String BOOTING = "[INFO] Booting service";

    private DeployLatencyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = Arrays.stream(args).filter(a -> !a.startsWith("--")).toList();
        boolean inProcess = Arrays.asList(args).contains("--in-process");
        int runs = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 20;
        int warmup = positional.size() > 1 ? Integer.parseInt(positional.get(1)) : 3;

        Path dir = Files.createTempDirectory("spawnd-bench-latency");
        String daemonInstance = BenchSpawnpoint.instanceId("latency");
        String baselineInstance = BenchSpawnpoint.instanceId("baseline");
        Cleanup cleanup = new Cleanup(List.of(daemonInstance, baselineInstance));
        Runtime.getRuntime().addShutdownHook(new Thread(cleanup::run, "bench-cleanup"));

        // spawnd stops (cleanup) before the router closes, so that it never publishes into a closed router.
        try (BenchSpawnpoint sp = BenchSpawnpoint.start(dir, "latency");
             DockerClient docker = DockerBackend.newClient()) {
            try {
                docker.inspectImageCmd(BenchSpawnpoint.IMAGE).exec(); // fails clearly if the image is missing
                // spawnd keeps its instance id in the state directory: set it first, so cleanup knows it in every case.
                Files.createDirectories(sp.stateDir());
                Files.writeString(sp.stateDir().resolve("instance-id"), daemonInstance + "\n");
                Path config = sp.writeConfig("4G", 8192);
                AutoCloseable daemon;
                String mode;
                if (inProcess) {
                    daemon = Daemon.start(DaemonConfig.load(config), Map.of(), DockerBackend::connect,
                            CrashBackoff.DEFAULT);
                    mode = "in-process";
                } else {
                    SpawndProcess process = SpawndProcess.start(config, List.of(), Map.of(),
                            dir.resolve("spawnd.log"));
                    daemon = process;
                    mode = "bin/spawnd, " + process.describe();
                }
                cleanup.daemon = daemon;
                sp.connectUser();
                byte[] entity = Files.readAllBytes(sp.userKey);
                byte[] entityTar = entityTar(entity);

                List<double[]> rows = new ArrayList<>();
                for (int i = -warmup; i < runs; i++) {
                    String svc = "lat-" + (i + warmup);
                    double[] base;
                    double[] spawnd;
                    if ((i & 1) == 0) {
                        base = baseline(docker, baselineInstance, entityTar);
                        spawnd = viaSpawnd(sp, docker, svc, daemonInstance);
                    } else {
                        spawnd = viaSpawnd(sp, docker, svc, daemonInstance);
                        base = baseline(docker, baselineInstance, entityTar);
                    }
                    if (i >= 0) {
                        rows.add(new double[] {base[0], base[1], spawnd[0], spawnd[1], spawnd[2]});
                    }
                }
                print(mode, runs, warmup, rows);
            } finally {
                cleanup.run();
            }
        }
        BenchSpawnpoint.deleteTree(dir);
    }

    /** docker-java create + copy + start; returns {ms to StartedAt, ms until start returned}. */
    private static double[] baseline(DockerClient docker, String instance, byte[] entityTar) {
        Instant t0 = Instant.now();
        String id = docker.createContainerCmd(BenchSpawnpoint.IMAGE)
                .withName("spawnpoint_" + instance)
                .withCmd("sh", "-c", SH_SCRIPT)
                .withEnv("BW2_DEFAULT_ENTITY=" + ContainerFile.ENTITY_PATH)
                .withWorkingDir(ContainerSpec.DEFAULT_WORKING_DIR)
                .withLabels(Labels.owned(instance, "bench-baseline"))
                .withHostConfig(HostConfig.newHostConfig().withMemory(MEM_BYTES).withMemorySwap(MEM_BYTES)
                        .withCpuShares(CPU_SHARES))
                .exec().getId();
        docker.copyArchiveToContainerCmd(id).withTarInputStream(new java.io.ByteArrayInputStream(entityTar))
                .withRemotePath("/").exec();
        docker.startContainerCmd(id).exec();
        Instant t1 = Instant.now();
        Instant started = startedAt(docker, id);
        docker.removeContainerCmd(id).withForce(true).exec();
        return new double[] {ms(t0, started), ms(t0, t1)};
    }

    /**
     * One deploy over BOSSWAVE; returns {publish to StartedAt, daemon Booting to Success, publish to the client
     * seeing Success}, in ms. Then stops the service (untimed).
     */
    private static double[] viaSpawnd(BenchSpawnpoint sp, DockerClient docker, String svc, String instance)
            throws Exception {
        sp.clearLog();
        String yaml = sp.serviceConfig(svc, "[sh, -c, \"" + SH_SCRIPT + "\"]", MEM, CPU_SHARES);
        Instant published = sp.deploy(yaml);
        BenchSpawnpoint.Received success = sp.awaitLog(svc, SUCCESS::equals, "start success", 60_000);
        LogEntry booting = sp.awaitLog(svc, BOOTING::equals, "booting", 1_000).entry();
        Instant started = startedAt(docker, org.spawnpoint.spawnclient.model.NameRules.containerName(
                org.spawnpoint.spawnclient.model.NameRules.instanceToken(instance), svc));
        sp.stop(svc);
        sp.awaitLog(svc, "[SUCCESS] Service stopped"::equals, "stopped", 30_000);
        return new double[] {ms(published, started), ms(booting.time(), success.entry().time()),
                ms(published, success.received())};
    }

    private static Instant startedAt(DockerClient docker, String container) {
        return Instant.parse(docker.inspectContainerCmd(container).exec().getState().getStartedAt());
    }

    private static double ms(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    /** The entity as spawnd copies it in: {@code /srv/spawnpoint/entity.key}, mode 0400. */
    private static byte[] entityTar(byte[] entity) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            TarArchiveEntry e = new TarArchiveEntry(ContainerFile.ENTITY_PATH.substring(1));
            e.setSize(entity.length);
            e.setMode(0100400);
            tar.putArchiveEntry(e);
            tar.write(entity);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    private static void print(String mode, int runs, int warmup, List<double[]> rows) {
        double[][] col = new double[5][rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < 5; c++) {
                col[c][r] = rows.get(r)[c];
            }
        }
        System.out.printf("Deploy of %s (no build), %d runs after %d warm-up; spawnd: %s%n", BenchSpawnpoint.IMAGE,
                runs, warmup, mode);
        System.out.println(Figures.header());
        System.out.println(Figures.row("docker-java create+copy+start: call -> StartedAt", col[0]));
        System.out.println(Figures.row("docker-java create+copy+start: call -> start returned", col[1]));
        System.out.println(Figures.row("spawnd: config published -> StartedAt", col[2]));
        System.out.println(Figures.row("spawnd: log 'Booting service' -> log 'start successful'", col[3]));
        System.out.println(Figures.row("spawnd: config published -> client got 'start successful'", col[4]));
        System.out.println(Figures.overhead("overhead, published -> StartedAt vs docker-java", col[2], col[0]));
        System.out.println(Figures.overhead("overhead, daemon Booting -> successful vs docker-java", col[3], col[1]));
        System.out.println(Figures.overhead("overhead, client round trip vs docker-java", col[4], col[1]));
    }

    /** Stops the daemon and removes the containers of both instances; runs once, from finally or on Ctrl-C. */
    private static final class Cleanup {
        private final List<String> instances;
        private volatile AutoCloseable daemon;
        private boolean done;

        Cleanup(List<String> instances) {
            this.instances = instances;
        }

        synchronized void run() {
            if (done) {
                return;
            }
            done = true;
            try {
                if (daemon != null) {
                    daemon.close();
                }
            } catch (Exception e) {
                System.err.println("cleanup: stopping spawnd: " + e);
            }
            for (String instance : instances) {
                int n = BenchSpawnpoint.removeContainers(instance);
                if (n > 0) {
                    System.err.println("cleanup: removed " + n + " containers labelled " + Labels.INSTANCE + "="
                            + instance);
                }
            }
        }
    }
}
