package org.spawnpoint.benchmarks.internal;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The baseline for spawnd's own share of a deploy (issue 14: "next to docker-java's create+start"): a bare
 * docker-java {@code create} + {@code start} of the same image, command, labels and limits (64 MiB, 256 CPU shares)
 * over docker-java's own zero-dependency transport, from a client made (and its connection opened) before the clock
 * starts. The same measurement as spawnd's {@code CreateStartBenchmark}, which also measures spawnd's backend over it.
 */
final class DockerJava implements AutoCloseable {
    static final long MEMORY = 64L << 20;
    static final int CPU_SHARES = 256;

    private final DockerClient client;
    private final String label;

    private DockerJava(DockerClient client, String label) {
        this.client = client;
        this.label = label;
    }

    /** A client for {@code DOCKER_HOST} (or the local socket); every container it makes carries the label. */
    static DockerJava connect(String instanceLabel) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        DockerJava d = new DockerJava(DockerClientImpl.getInstance(config, http), instanceLabel);
        d.client.pingCmd().exec(); // fails clearly when no engine answers, and opens the connection untimed
        return d;
    }

    /**
     * Creates and starts a container running {@code command} in {@code image}; returns {start of create, the
     * engine's StartedAt, the engine's time of the first log line, start returned}, as the other deploys do.
     */
    Instant[] createStart(String image, List<String> command) throws IOException, InterruptedException {
        Instant t0 = Instant.now();
        String id = client.createContainerCmd(image)
                .withCmd(command)
                .withLabels(Map.of(Docker.INSTANCE_LABEL, label))
                .withHostConfig(HostConfig.newHostConfig().withMemory(MEMORY).withCpuShares(CPU_SHARES))
                .exec().getId();
        client.startContainerCmd(id).exec();
        Instant returned = Instant.now();
        return new Instant[] {t0, Docker.startedAt(id), Docker.firstLogLine(id), returned};
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
