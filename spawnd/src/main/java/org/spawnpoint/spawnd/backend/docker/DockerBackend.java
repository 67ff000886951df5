package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.Device;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.Statistics;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.BackendException;
import org.spawnpoint.spawnd.backend.ContainerExit;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerHardening;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ContainerStartException;
import org.spawnpoint.spawnd.backend.DockerNames;
import org.spawnpoint.spawnd.backend.ImageSpec;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.LogLine;
import org.spawnpoint.spawnd.backend.OwnedContainer;
import org.spawnpoint.spawnd.backend.ResourceStats;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/**
 * {@link ServiceBackend} on a Docker engine through docker-java. Everything it creates carries
 * {@link Labels#owned(String, String)} with this daemon's instance id, and it only acts on containers that do.
 *
 * <p>Decisions: a service's {@code network} that does not exist is created with the {@code bridge} driver (the
 * original asked for {@code overlay}, which needs swarm mode and failed silently on a single engine), and one that
 * exists is joined only if this daemon created it; volumes are the Docker volumes
 * {@code spawnpoint_<token>_<svc>__<v>} ({@link DockerNames}), created if missing and really mounted at
 * {@code /srv/<v>}; the memory limit is hard (swap limited to the same figure, where the kernel supports it); every
 * container gets the daemon's {@link ContainerHardening} (no new privileges, a pids limit, capped json-file logs).
 */
public final class DockerBackend implements ServiceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
    private static final int START_FAILURE_LOG_LINES = 20;

    private final DockerClient docker;
    private final String instanceId;
    private final DockerNames names;
    private final DockerResources resources;
    private final ImageBuilder images;
    private final Set<String> presentImages = ConcurrentHashMap.newKeySet();
    /** Followed container output, all on one thread; null when the engine is not at a Unix socket. */
    private final LogStreams logStreams;
    private final HealthProbes probes;
    /** Where service entities are bind-mounted from; null where they are copied in ({@link EntityMounts}). */
    private final EntityMounts entityMounts;
    /** False once the engine has refused an entity mount's source as missing: it does not see spawnd's files. */
    private volatile boolean mountEntities = true;

    /**
     * Uses {@code docker}, which the caller keeps ownership of until {@link #close()}; container output is followed
     * through docker-java (a thread per followed container).
     */
    public DockerBackend(DockerClient docker, String instanceId) {
        this(docker, instanceId, null);
    }

    /**
     * Uses {@code docker}, which the caller keeps ownership of until {@link #close()}, and follows container output
     * on one thread over {@code engineSocket}, the Unix socket of the same engine (through docker-java if null).
     */
    public DockerBackend(DockerClient docker, String instanceId, Path engineSocket) {
        this(docker, instanceId, engineSocket, ContainerHardening.DEFAULTS);
    }

    /**
     * Uses {@code docker} (see above), following output over {@code engineSocket} (or docker-java if null), and gives
     * every container {@code hardening}.
     */
    public DockerBackend(DockerClient docker, String instanceId, Path engineSocket, ContainerHardening hardening) {
        this(docker, instanceId, engineSocket, hardening, null);
    }

    /**
     * As above; with {@code entityMounts}, service entities are read-only bind mounts of files there instead of
     * being copied into the container (that engine must see this process's files).
     */
    DockerBackend(DockerClient docker, String instanceId, Path engineSocket, ContainerHardening hardening,
                  EntityMounts entityMounts) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instanceId is empty: expected the id of this spawnd instance");
        }
        this.docker = Objects.requireNonNull(docker, "docker");
        this.instanceId = instanceId;
        this.names = new DockerNames(instanceId);
        this.resources = new DockerResources(docker, instanceId, names, Objects.requireNonNull(hardening, "hardening"));
        this.images = new ImageBuilder(docker, instanceId, names);
        this.logStreams = engineSocket == null ? null : new LogStreams(engineSocket);
        this.probes = new HealthProbes(docker);
        this.entityMounts = entityMounts;
    }

    /**
     * Connects to the engine at {@code DOCKER_HOST}, or {@code unix:///var/run/docker.sock}, and checks that it
     * answers.
     *
     * @throws BackendException if no engine answers
     */
    public static DockerBackend connect(String instanceId) {
        return connect(instanceId, ContainerHardening.DEFAULTS);
    }

    /**
     * Connects as {@link #connect(String)} does; every container gets {@code hardening}.
     *
     * @throws BackendException if no engine answers
     */
    public static DockerBackend connect(String instanceId, ContainerHardening hardening) {
        return connect(instanceId, hardening, null);
    }

    /**
     * Connects as {@link #connect(String)} does; every container gets {@code hardening}. With {@code stateDir}, and
     * an engine on this machine's file system, service entities are bind-mounted from {@code stateDir/entities}
     * ({@link EntityMounts}; files of containers that are gone are removed now).
     *
     * @throws BackendException if no engine answers
     */
    public static DockerBackend connect(String instanceId, ContainerHardening hardening, Path stateDir) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        DockerClient client = newClient(config);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new BackendException("no Docker engine answers at " + dockerHost() + ": " + e.getMessage(), e);
        }
        URI host = config.getDockerHost();
        LOG.info("Docker names of this spawnd carry the token {} (instance {}): containers spawnpoint_{}_<service>",
                org.spawnpoint.spawnclient.model.NameRules.instanceToken(instanceId), instanceId,
                org.spawnpoint.spawnclient.model.NameRules.instanceToken(instanceId));
        return new DockerBackend(client, instanceId, "unix".equals(host.getScheme()) ? Path.of(host.getPath()) : null,
                hardening, EntityMounts.open(stateDir, host, client, instanceId).orElse(null));
    }

    /**
     * A docker-java client for {@code DOCKER_HOST} (or the local socket): over the JDK's Unix-domain channels for a
     * {@code unix://} engine ({@link UnixSocketHttpClient}), else over docker-java's zero-dependency transport.
     */
    public static DockerClient newClient() {
        return newClient(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    private static DockerClient newClient(DockerClientConfig config) {
        URI host = config.getDockerHost();
        if ("unix".equals(host.getScheme())) {
            return DockerClientImpl.getInstance(config, new UnixSocketHttpClient(Path.of(host.getPath())));
        }
        var http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(host)
                .sslConfig(config.getSSLConfig())
                .maxConnections(1024)      // one per event stream and concurrent request
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    private static String dockerHost() {
        return Objects.requireNonNullElse(System.getenv("DOCKER_HOST"), "unix:///var/run/docker.sock");
    }

    /** The names this backend gives containers, images and volumes. */
    public DockerNames names() {
        return names;
    }

    /** The docker-java client this backend uses. */
    public DockerClient client() {
        return docker;
    }

    @Override
    public String prepareImage(String serviceName, ImageSpec spec, Consumer<String> buildOutput) {
        DockerNames.requireValidServiceName("serviceName", serviceName);
        if (!spec.needsBuild()) {
            // Checked once per image: if it disappears later, createAndStart notices and pulls it again.
            if (!presentImages.contains(spec.baseImage())) {
                images.ensurePresent(spec.baseImage(), buildOutput);
                presentImages.add(spec.baseImage());
            }
            return spec.baseImage();
        }
        images.build(serviceName, spec, buildOutput);
        return names.imageName(serviceName);
    }

    @Override
    public boolean removeServiceImage(String serviceName) {
        return images.removeBuilt(serviceName);
    }

    @Override
    public String createAndStart(ContainerSpec spec) {
        String name = names.containerName(spec.serviceName());
        HostConfig host = resources.hostConfig(spec);
        if (!spec.devices().isEmpty()) {
            host.withDevices(spec.devices().stream().map(d -> new Device("rwm", d, d)).toList());
        }
        Map<String, String> labels = new HashMap<>(spec.labels());
        labels.putAll(Labels.owned(instanceId, spec.serviceName()));
        List<ContainerFile> copied = spec.files();
        Mount entity = null;
        if (entityMounts != null && mountEntities) {
            ContainerFile file = copied.stream().filter(f -> f.path().equals(ContainerFile.ENTITY_PATH)).findFirst()
                    .orElse(null);
            if (file != null) {
                entity = entityMounts.write(name, file.content());
                copied = copied.stream().filter(f -> f != file).toList();
                List<Mount> mounts = new ArrayList<>(Objects.requireNonNullElse(host.getMounts(), List.of()));
                mounts.add(entity);
                host.withMounts(mounts);
            }
        }
        String id;
        try {
            id = create(spec, host, labels);
        } catch (RuntimeException e) {
            if (entity == null) {
                throw e;
            }
            entityMounts.delete(entity.getSource());
            if (!EntityMounts.engineCannotSee(e)) {
                throw e;
            }
            LOG.info("The engine does not see spawnd's files (spawnd runs in a container of its own?): service "
                    + "entities are copied into their containers from now on");
            mountEntities = false;
            return createAndStart(spec);
        }
        try {
            if (!copied.isEmpty()) {
                docker.copyArchiveToContainerCmd(id)
                        .withTarInputStream(new ByteArrayInputStream(
                                TarArchives.containerFiles(copied, spec.workingDir())))
                        .withRemotePath("/")
                        .exec();
            }
            docker.startContainerCmd(id).exec();
            return id;
        } catch (DockerException e) {
            ContainerExit exit = inspect(id, START_FAILURE_LOG_LINES).orElse(null);
            remove(id);
            String explained = StartErrors.explain(e.getMessage(), spec.image());
            throw new ContainerStartException("cannot start container " + name + ": "
                    + (explained != null ? explained : e.getMessage()), exit, e);
        }
    }

    /**
     * Creates the container. The usual case costs one call; the unusual ones are handled when the engine reports
     * them: the name is taken (an old container of the service: removed if this daemon owns it) or the image has
     * gone (pulled again).
     */
    private String create(ContainerSpec spec, HostConfig host, Map<String, String> labels) {
        String name = names.containerName(spec.serviceName());
        for (int attempt = 0; ; attempt++) {
            try {
                var create = docker.createContainerCmd(spec.image())
                        .withName(name)
                        .withEnv(spec.envList())
                        .withWorkingDir(spec.workingDir())
                        .withLabels(labels)
                        .withHostConfig(host);
                if (!spec.command().isEmpty()) {
                    create.withCmd(spec.command());
                }
                return create.exec().getId();
            } catch (ConflictException e) {
                if (attempt >= 2) {
                    throw new ContainerStartException("cannot create container " + name + ": " + e.getMessage(),
                            null, e);
                }
                removeOwnedNamed(name);
            } catch (NotFoundException e) {
                presentImages.remove(spec.image());
                if (attempt >= 2) {
                    throw new ContainerStartException("cannot create container " + name + ": " + e.getMessage(),
                            null, e);
                }
                try {
                    images.ensurePresent(spec.image(), line -> LOG.info("{}: {}", name, line));
                } catch (BackendException missing) {
                    throw new ContainerStartException("cannot create container " + name + ": " + missing.getMessage(),
                            null, missing);
                }
            } catch (DockerException e) {
                throw new ContainerStartException("cannot create container " + name + ": " + e.getMessage(), null, e);
            }
        }
    }

    /** Removes an old container of this name if this daemon owns it; refuses to touch anyone else's. */
    private void removeOwnedNamed(String name) {
        InspectContainerResponse existing;
        try {
            existing = docker.inspectContainerCmd(name).exec();
        } catch (NotFoundException e) {
            return;
        }
        Map<String, String> labels = Objects.requireNonNullElse(existing.getConfig().getLabels(), Map.of());
        if (!"true".equals(labels.get(Labels.MANAGED)) || !instanceId.equals(labels.get(Labels.INSTANCE))) {
            throw new ContainerStartException("a container named " + name + " exists that this spawnd does not own "
                    + "(no " + Labels.INSTANCE + "=" + instanceId + " label); remove or rename it", null, null);
        }
        LOG.info("Replacing old container {} ({})", name, existing.getId());
        remove(existing.getId());
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        try {
            docker.stopContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (NotFoundException | NotModifiedException e) {
            // gone or already stopped
        }
    }

    @Override
    public void restart(String containerId, Duration timeout) {
        try {
            docker.restartContainerCmd(containerId).withTimeout((int) Math.max(0, timeout.toSeconds())).exec();
        } catch (DockerException e) {
            ContainerExit exit = e instanceof NotFoundException ? null
                    : inspect(containerId, START_FAILURE_LOG_LINES).orElse(null);
            throw new ContainerStartException("cannot restart container " + containerId + ": " + e.getMessage(),
                    exit, e);
        }
    }

    @Override
    public java.util.Optional<String> reachableFromContainers(String image, String host, int port) {
        return ContainerProbe.tcp(docker, instanceId, image, host, port, java.time.Duration.ofSeconds(3));
    }

    @Override
    public void remove(String containerId) {
        List<String> entityFiles = entityMounts == null ? List.of() : entityMounts.filesOf(docker, containerId);
        try {
            docker.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (ConflictException e) {
            // removal already in progress
            LOG.debug("Container {} is being removed already: {}", containerId, e.getMessage());
        }
        for (String f : entityFiles) {
            entityMounts.delete(f);
        }
    }

    @Override
    public List<OwnedContainer> listOwned() {
        List<Container> found = docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instanceId)).exec();
        List<OwnedContainer> owned = new ArrayList<>();
        for (Container c : found) {
            Map<String, String> labels = Objects.requireNonNullElse(c.getLabels(), Map.of());
            boolean running = "running".equals(c.getState());
            owned.add(new OwnedContainer(c.getId(), labels.get(Labels.SERVICE), c.getImage(), running, labels,
                    running ? startedAt(c.getId()) : null));
        }
        return owned;
    }

    /**
     * When a running container last started ({@code State.StartedAt}; the list answer has only its creation time),
     * or null if it is gone meanwhile or the engine's time cannot be read. One inspect per running container, at
     * recovery only.
     */
    private Instant startedAt(String containerId) {
        try {
            String at = docker.inspectContainerCmd(containerId).exec().getState().getStartedAt();
            return at == null ? null : Instant.parse(at);
        } catch (NotFoundException | java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public Optional<ContainerExit> inspect(String containerId, int lastLines) {
        InspectContainerResponse.ContainerState state;
        try {
            state = docker.inspectContainerCmd(containerId).exec().getState();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new ContainerExit(Boolean.TRUE.equals(state.getRunning()),
                state.getExitCodeLong() == null ? -1 : state.getExitCodeLong().intValue(),
                Boolean.TRUE.equals(state.getOOMKilled()), state.getError(),
                tail(containerId, lastLines, lastStart(state))));
    }

    /**
     * Shortly before the container last started, so that its output from earlier runs is not reported as this run's.
     * The engine records StartedAt after the process may already have written its first lines, hence the margin.
     */
    private static Instant lastStart(InspectContainerResponse.ContainerState state) {
        try {
            return state.getStartedAt() == null ? null : Instant.parse(state.getStartedAt()).minusMillis(500);
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private List<String> tail(String containerId, int lines, Instant since) {
        if (lines <= 0) {
            return List.of();
        }
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        LogFollower collector = new LogFollower(since, l -> out.add(l.text()), null);
        try {
            var cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .withTail(lines);
            if (since != null && since.getEpochSecond() > 0) {
                cmd.withSince((int) since.getEpochSecond());
            }
            cmd.exec(collector).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Cannot read the output of {}: {}", containerId, e.toString());
        }
        synchronized (out) {
            return List.copyOf(out.subList(Math.max(0, out.size() - lines), out.size()));
        }
    }

    @Override
    public AutoCloseable followLogs(String containerId, Instant since, Consumer<LogLine> lines, Runnable onEnd) {
        LogFollower follower = new LogFollower(since, lines, onEnd);
        if (logStreams != null) {
            return logStreams.follow(containerId, since, follower);
        }
        var cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withFollowStream(true);
        if (since != null) {
            cmd.withSince((int) since.getEpochSecond());
        }
        return cmd.exec(follower);
    }

    @Override
    public org.spawnpoint.spawnd.backend.ProbeResult probe(String containerId,
                                                          org.spawnpoint.spawnclient.model.HealthCheck check) {
        return probes.probe(containerId, check);
    }

    @Override
    public AutoCloseable monitorEvents(Consumer<BackendEvent> events) {
        return new EventMonitor(docker, instanceId, events).start();
    }

    @Override
    public ResourceStats stats(String containerId) {
        Statistics sample = docker instanceof DockerClientImpl impl ? statsOnThisThread(impl, containerId)
                : statsThroughCallback(containerId);
        if (sample == null) {
            throw new BackendException("the engine returned no stats for " + containerId);
        }
        return StatsMath.toResourceStats(sample);
    }

    /**
     * One sample read on the caller's thread. docker-java's {@code statsCmd} starts a thread per call, and the engine
     * takes about a second to answer, so with many services that would keep a thread per service busy.
     */
    private static Statistics statsOnThisThread(DockerClientImpl impl, String containerId) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/containers/" + containerId + "/stats?stream=false")
                .build();
        try (DockerHttpClient.Response response = impl.getHttpClient().execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new BackendException("cannot read the stats of " + containerId + ": the engine answered "
                        + response.getStatusCode());
            }
            return DockerClientConfig.getDefaultObjectMapper().readValue(response.getBody(), Statistics.class);
        } catch (java.io.IOException | RuntimeException e) {
            if (e instanceof BackendException b) {
                throw b;
            }
            throw new BackendException("cannot read the stats of " + containerId + ": " + e.getMessage(), e);
        }
    }

    private Statistics statsThroughCallback(String containerId) {
        var sample = new QuietCallback<Statistics>() {
            volatile Statistics first;

            @Override
            public void onNext(Statistics s) {
                first = s;
            }
        };
        try {
            docker.statsCmd(containerId).withNoStream(true).exec(sample).awaitCompletion(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while reading the stats of " + containerId);
        } catch (RuntimeException e) {
            throw new BackendException("cannot read the stats of " + containerId + ": " + e.getMessage(), e);
        }
        return sample.first;
    }

    @Override
    public void close() {
        if (logStreams != null) {
            logStreams.close();
        }
        probes.close();
        closeQuietly(docker);
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (IOException e) {
            LOG.debug("Closing the Docker client failed", e);
        }
    }
}
