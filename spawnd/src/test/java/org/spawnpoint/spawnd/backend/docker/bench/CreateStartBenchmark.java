package org.spawnpoint.spawnd.backend.docker.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ImageSpec;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;

/**
 * Baseline for spawnd's deploy overhead: how long it takes to get a container of a cached image running, with no
 * image build. Five ways, interleaved so that engine drift hits them alike:
 * <ol>
 *   <li>{@code docker-java}: a bare {@code create} + {@code start} through docker-java (the figure spawnd's deploy
 *       is compared to);</li>
 *   <li>{@code docker-java + copy}: the same, plus copying the entity and a params file in before start, which any
 *       deploy needs (the part of spawnd's cost that is not overhead);</li>
 *   <li>{@code backend, no files}: {@link DockerBackend#prepareImage} + {@link DockerBackend#createAndStart} of a
 *       plain spec (the backend's own overhead);</li>
 *   <li>{@code backend}: {@link DockerBackend#prepareImage} + {@link DockerBackend#createAndStart} with what a
 *       deploy adds: labels, memory and CPU limits, env, the entity and a params file copied in before start;</li>
 *   <li>{@code docker run -d}: the CLI, as measured for the Go original (about 170 ms there).</li>
 * </ol>
 * Containers are removed (untimed) after each run. Usage:
 * {@code CreateStartBenchmark [runs=20] [image=spawnpoint/base:latest] [warmup=3] [--no-cli]}
 */
public final class CreateStartBenchmark {
    private static final long MEMORY = 64L * 1024 * 1024;
    private static final int CPU_SHARES = 256;
    private static final List<String> COMMAND = List.of("sleep", "600");

    private CreateStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<String> positional = new ArrayList<>(Arrays.stream(args).filter(a -> !a.startsWith("--")).toList());
        boolean cli = Arrays.stream(args).noneMatch("--no-cli"::equals);
        int runs = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 20;
        String image = positional.size() > 1 ? positional.get(1) : ImageSpec.DEFAULT_BASE_IMAGE;
        int warmup = positional.size() > 2 ? Integer.parseInt(positional.get(2)) : 3;
        String instance = "bench-" + UUID.randomUUID();
        Map<String, String> labels = Labels.owned(instance, "bench");

        try (DockerBackend backend = DockerBackend.connect(instance)) {
            DockerClient docker = backend.client();
            docker.inspectImageCmd(image).exec();   // fails clearly if the image is missing
            long[] raw = new long[runs];
            long[] rawCopy = new long[runs];
            byte[] files = filesTar();
            long[] viaBackend = new long[runs];
            long[] viaBackendNoFiles = new long[runs];
            long[] viaCli = new long[runs];
            try {
                for (int i = -warmup; i < runs; i++) {
                    long t0 = System.nanoTime();
                    String id = docker.createContainerCmd(image)
                            .withName("spawnpoint_bench-raw-" + instance.substring(6, 14))
                            .withCmd(COMMAND)
                            .withLabels(labels)
                            .withHostConfig(HostConfig.newHostConfig().withMemory(MEMORY).withCpuShares(CPU_SHARES))
                            .exec().getId();
                    docker.startContainerCmd(id).exec();
                    long t1 = System.nanoTime();
                    docker.removeContainerCmd(id).withForce(true).exec();

                    long c0 = System.nanoTime();
                    String idc = docker.createContainerCmd(image)
                            .withName("spawnpoint_bench-copy-" + instance.substring(6, 14))
                            .withCmd(COMMAND)
                            .withLabels(labels)
                            .withHostConfig(HostConfig.newHostConfig().withMemory(MEMORY).withCpuShares(CPU_SHARES))
                            .exec().getId();
                    docker.copyArchiveToContainerCmd(idc).withTarInputStream(new ByteArrayInputStream(files))
                            .withRemotePath("/").exec();
                    docker.startContainerCmd(idc).exec();
                    long c1 = System.nanoTime();
                    docker.removeContainerCmd(idc).withForce(true).exec();

                    long t2 = System.nanoTime();
                    String runImage = backend.prepareImage("bench-backend", ImageSpec.of(image), line -> { });
                    String id2 = backend.createAndStart(new ContainerSpec("bench-backend", runImage, COMMAND,
                            Map.of("BW2_DEFAULT_ENTITY", ContainerFile.ENTITY_PATH, "BW2_AGENT", "172.17.0.1:28589"),
                            MEMORY, CPU_SHARES, List.of(), null, null,
                            List.of(ContainerFile.entity(new byte[96]),
                                    ContainerFile.of("params.yml", "key: value\n".getBytes(StandardCharsets.UTF_8))),
                            Map.of()));
                    long t3 = System.nanoTime();
                    backend.remove(id2);

                    long n0 = System.nanoTime();
                    String id3 = backend.createAndStart(ContainerSpec.of("bench-nofiles",
                            backend.prepareImage("bench-nofiles", ImageSpec.of(image), line -> { }), COMMAND, MEMORY,
                            CPU_SHARES));
                    long n1 = System.nanoTime();
                    backend.remove(id3);

                    long cliNanos = cli ? dockerRun(image, instance) : 0;
                    if (i >= 0) {
                        raw[i] = t1 - t0;
                        rawCopy[i] = c1 - c0;
                        viaBackend[i] = t3 - t2;
                        viaBackendNoFiles[i] = n1 - n0;
                        viaCli[i] = cliNanos;
                    }
                }
            } finally {
                docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.INSTANCE, instance)).exec()
                        .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
            }
            System.out.printf(Locale.ROOT, "create+start of %s, no build: %d runs after %d warm-up, times in ms%n",
                    image, runs, warmup);
            System.out.printf(Locale.ROOT, "%-40s %8s %8s %8s %8s %8s%n", "", "mean", "p50", "p90", "min", "max");
            print("docker-java create+start", raw);
            print("docker-java create+copy+start", rawCopy);
            print("DockerBackend, no files", viaBackendNoFiles);
            print("DockerBackend, entity + params copied", viaBackend);
            if (cli) {
                print("docker run -d (CLI)", viaCli);
            }
            System.out.printf(Locale.ROOT, "DockerBackend (no files) over docker-java create+start: %+.1f %% (mean), %+.1f %% (p50)%n",
                    (mean(viaBackendNoFiles) / mean(raw) - 1) * 100, (median(viaBackendNoFiles) / median(raw) - 1) * 100);
            System.out.printf(Locale.ROOT, "DockerBackend (files) over docker-java create+start: %+.1f %% (mean), %+.1f %% (p50)%n",
                    (mean(viaBackend) / mean(raw) - 1) * 100, (median(viaBackend) / median(raw) - 1) * 100);
            System.out.printf(Locale.ROOT, "DockerBackend (files) over docker-java create+copy+start: %+.1f %% (mean), %+.1f %% (p50)%n",
                    (mean(viaBackend) / mean(rawCopy) - 1) * 100, (median(viaBackend) / median(rawCopy) - 1) * 100);
        }
    }

    private static long dockerRun(String image, String instance) throws Exception {
        String name = "spawnpoint_bench-cli-" + instance.substring(6, 14);
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("docker", "run", "-d", "--name", name, "--label", Labels.INSTANCE + "=" + instance,
                "-m", String.valueOf(MEMORY), "--cpu-shares", String.valueOf(CPU_SHARES), image, "sleep", "600")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("docker run failed: " + out);
        }
        long elapsed = System.nanoTime() - t0;
        new ProcessBuilder("docker", "rm", "-f", name).redirectErrorStream(true).start().waitFor();
        return elapsed;
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-40s %8.1f %8.1f %8.1f %8.1f %8.1f%n", what, mean(nanos) / 1e6,
                percentile(sorted, 50) / 1e6, percentile(sorted, 90) / 1e6, sorted[0] / 1e6,
                sorted[sorted.length - 1] / 1e6);
    }

    private static double median(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return percentile(sorted, 50);
    }

    /** The entity (mode 0400) and a params file, as a deploy copies them. */
    private static byte[] filesTar() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            addFile(tar, "srv/spawnpoint/entity.key", new byte[96], 0400);
            addFile(tar, "srv/spawnpoint/params.yml", "key: value\n".getBytes(StandardCharsets.UTF_8), 0644);
        }
        return bytes.toByteArray();
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] content, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(content.length);
        e.setMode(TarArchiveEntry.DEFAULT_FILE_MODE & ~07777 | mode);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0);
    }

    /** Nearest-rank percentile of sorted values. */
    private static double percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
