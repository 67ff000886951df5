package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerMount;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import com.github.dockerjava.transport.DockerHttpClient;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.Labels;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Service entities handed to containers as read-only bind mounts of files in spawnd's state directory, instead of
 * being copied into each container's file system before it starts.
 *
 * <p>Why: the copy ({@code PUT /containers/{id}/archive}) makes the engine mount the new container's layers and run
 * a chrooted tar extraction, about 50-65 ms of every deploy before the start (a bare engine test, create + copy +
 * start against create with the bind + start, medians of 8 interleaved: 324 vs 271 ms). A bind mount costs the
 * start nothing measurable. It also keeps the secret out of the container's writable layer, so that a
 * {@code docker commit} or {@code docker export} of a service container does not carry it.
 *
 * <p>Used only where the engine sees the same files as spawnd: a local engine (a Unix socket) without user-namespace
 * remapping ({@link #forEngine}), and until the engine refuses a mount's source as missing ({@link #engineCannotSee}:
 * spawnd in a container of its own); elsewhere the entity is copied in as before. Each created container gets a
 * file of its own, {@code <dir>/<container name>.<number>.key}, mode 0400 in a directory of mode 0700, removed with the
 * container; files of containers that no longer exist are removed when spawnd starts ({@link #sweep}).
 */
class EntityMounts { // not final: EntityMountIT stands in an engine that cannot see the files
    private static final Logger LOG = LoggerFactory.getLogger(EntityMounts.class);
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("r--------");
    private static final String SUFFIX = ".key";
    /** Makes names unique within this process; no secret: the directory is spawnd's own (and no SecureRandom, whose
     *  security providers spawnd's idle memory would carry). */
    private static final AtomicLong COUNTER = new AtomicLong(System.nanoTime());

    private final Path dir;

    /** Files in {@code dir}, which is made (mode 0700) if missing. */
    EntityMounts(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
            if (!Files.getPosixFilePermissions(this.dir, LinkOption.NOFOLLOW_LINKS).equals(DIR_MODE)) {
                Files.setPosixFilePermissions(this.dir, DIR_MODE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the directory for service entities " + this.dir, e);
        }
    }

    /**
     * Entity mounts under {@code stateDir/entities} for a local engine at {@code dockerHost} ({@code engineInfo}: its
     * {@code GET /info} as text); empty for a remote one, whose files are not this machine's, or one that remaps
     * user namespaces.
     */
    static Optional<EntityMounts> forEngine(Path stateDir, URI dockerHost, String engineInfo) {
        if (stateDir == null || !"unix".equals(dockerHost.getScheme())) {
            return Optional.empty();
        }
        // docker info's SecurityOptions name each feature as name=...; user namespaces are name=userns.
        if (engineInfo != null && engineInfo.contains("name=userns")) {
            // With user namespaces remapped, a container's root is another user on the host and could not read a
            // file of mode 0400 of spawnd's; a copied file belongs to the container's own root.
            return Optional.empty();
        }
        return Optional.of(new EntityMounts(stateDir.resolve("entities")));
    }

    /**
     * Whether the engine refused a container because it cannot see a bind mount's source: spawnd runs in a container
     * of its own, or the engine in another mount namespace. Tried rather than guessed: a spawnd in a container whose
     * engine runs in the same one (or which has its state directory at the same path on the host) can use mounts.
     */
    static boolean engineCannotSee(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("bind source path does not exist")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The entity mounts for the engine {@code docker} at {@code dockerHost} ({@link #forEngine}), with the files of
     * containers of {@code instanceId} that no longer exist removed; empty where entities are to be copied.
     */
    static Optional<EntityMounts> open(Path stateDir, URI dockerHost, DockerClient docker, String instanceId) {
        if (stateDir == null || !"unix".equals(dockerHost.getScheme())) {
            return Optional.empty();
        }
        Optional<EntityMounts> mounts = forEngine(stateDir, dockerHost, engineInfo(Path.of(dockerHost.getPath())));
        mounts.ifPresent(m -> m.sweep(m.inUse(docker, instanceId)));
        return mounts;
    }

    /**
     * The engine's {@code GET /info} answer as text, for the words {@link #forEngine} looks for: docker-java's model
     * of it would be 40-odd classes outside spawnd's class-data archive, kept by an idle spawnd for nothing. Empty if
     * the engine does not answer it.
     */
    private static String engineInfo(Path socket) {
        UnixSocketHttpClient http = new UnixSocketHttpClient(socket);
        try (DockerHttpClient.Response r = http.execute(DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET).path("/info").build())) {
            return r.getStatusCode() == 200 ? new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8) : "";
        } catch (IOException | RuntimeException e) {
            LOG.debug("GET /info failed: {}", e.toString());
            return "";
        } finally {
            http.close();
        }
    }

    /** The sources of the entity mounts of {@code instanceId}'s containers (any state). */
    Set<String> inUse(DockerClient docker, String instanceId) {
        Set<String> inUse = new HashSet<>();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instanceId)).exec()) {
            for (ContainerMount m : Objects.requireNonNullElse(c.getMounts(), List.<ContainerMount>of())) {
                if (owns(m.getSource())) {
                    inUse.add(m.getSource());
                }
            }
        }
        return inUse;
    }

    /** The entity files a container mounts (asked before it is removed: its mounts go with it). */
    List<String> filesOf(DockerClient docker, String containerId) {
        try {
            return Objects.requireNonNullElse(docker.inspectContainerCmd(containerId).exec().getMounts(),
                    List.<InspectContainerResponse.Mount>of()).stream()
                    .map(InspectContainerResponse.Mount::getSource).filter(this::owns).toList();
        } catch (NotFoundException e) {
            return List.of();
        }
    }

    /** The directory the files are in. */
    Path dir() {
        return dir;
    }

    /**
     * Writes {@code entity} for the container {@code containerName} to a new file (created with mode 0400 before a
     * byte is written) and returns the read-only bind mount of it at {@link ContainerFile#ENTITY_PATH}.
     */
    Mount write(String containerName, byte[] entity) {
        for (int attempt = 0; ; attempt++) {
            Path file = dir.resolve(containerName + "." + Long.toHexString(COUNTER.incrementAndGet()) + SUFFIX);
            try {
                Files.write(Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE)), entity,
                        StandardOpenOption.WRITE);
                return new Mount().withType(MountType.BIND).withSource(file.toString())
                        .withTarget(ContainerFile.ENTITY_PATH).withReadOnly(true);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 2) {
                    throw new UncheckedIOException("cannot write the service entity to " + dir, e);
                }
            } catch (IOException e) {
                delete(file.toString());
                throw new UncheckedIOException("cannot write the service entity to " + file + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code source} (a bind mount's source path) is one of this directory's entity files. */
    boolean owns(String source) {
        if (source == null) {
            return false;
        }
        Path p = Path.of(source).toAbsolutePath().normalize();
        return dir.equals(p.getParent()) && p.getFileName().toString().endsWith(SUFFIX);
    }

    /** Deletes an entity file of this directory; anything else, or a file already gone, is left as it is. */
    void delete(String source) {
        if (!owns(source)) {
            return;
        }
        try {
            Files.deleteIfExists(Path.of(source));
        } catch (IOException e) {
            LOG.warn("Could not delete the service entity file {}: {}", source, e.getMessage());
        }
    }

    /** Deletes every entity file but those in {@code inUse} (the sources of existing containers' mounts). */
    void sweep(Set<String> inUse) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path f : files) {
                if (!inUse.contains(f.toString())) {
                    delete(f.toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("Could not clear old service entity files in {}: {}", dir, e.getMessage());
        }
    }
}
