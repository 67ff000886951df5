package org.spawnpoint.spawnd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Manifests in the state directory: one file per service, written atomically (temp file, fsync, rename) so that a
 * crash at any moment leaves either the old or the new version. The directory is mode 0700 and files 0600.
 */
public final class ManifestStore {
    private static final Logger LOG = LoggerFactory.getLogger(ManifestStore.class);
    private static final String SUFFIX = ".manifest.yml";

    private final Path dir;
    private final Path servicesDir;

    /** Uses {@code stateDir} (and its {@code services} folder), creating them with mode 0700. */
    public ManifestStore(Path stateDir) {
        this.dir = stateDir;
        this.servicesDir = stateDir.resolve("services");
        try {
            createPrivateDir(dir);
            createPrivateDir(servicesDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the state directory " + stateDir + ": " + e.getMessage(), e);
        }
    }

    private static void createPrivateDir(Path d) throws IOException {
        Files.createDirectories(d);
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
    }

    /** A stable id for this daemon's objects in Docker, made on first start. */
    public String instanceId() {
        Path file = dir.resolve("instance-id");
        try {
            if (Files.exists(file)) {
                String id = Files.readString(file).trim();
                if (!id.isEmpty()) {
                    return id;
                }
            }
            String id = UUID.randomUUID().toString();
            writeAtomically(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes a service's manifest atomically, replacing the previous one. */
    public void save(Manifest m) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("serviceName", m.serviceName());
        map.put("state", m.state().name());
        map.put("containerId", m.containerId());
        map.put("image", m.image());
        map.put("config", m.configYaml());
        map.put("includedTar", m.includedTar());
        if (m.restarts() != 0) {
            map.put("restarts", m.restarts());
        }
        try {
            writeAtomically(fileOf(m.serviceName()), new Yaml().dump(map));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the manifest of " + m.serviceName() + ": " + e.getMessage(), e);
        }
    }

    /** Removes a service's manifest, if there is one. */
    public void delete(String serviceName) {
        try {
            Files.deleteIfExists(fileOf(serviceName));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the manifest of " + serviceName + ": " + e.getMessage(), e);
        }
    }

    /** Every readable manifest; unreadable ones are logged and skipped (their file is kept for inspection). */
    public List<Manifest> loadAll() {
        List<Manifest> out = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(servicesDir, "*" + SUFFIX)) {
            for (Path f : files) {
                try {
                    out.add(read(f));
                } catch (RuntimeException | IOException e) {
                    LOG.error("Skipping unreadable manifest {}: {}", f, e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + servicesDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Manifest read(Path f) throws IOException {
        Object root = new Yaml(new LoaderOptions()).load(Files.readString(f));
        if (!(root instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("not a mapping");
        }
        String name = (String) map.get("serviceName");
        String config = (String) map.get("config");
        if (name == null || config == null) {
            throw new IllegalArgumentException("serviceName or config missing");
        }
        return new Manifest(name, config, (String) map.get("includedTar"), (String) map.get("containerId"),
                (String) map.get("image"), ServiceState.valueOf(String.valueOf(map.get("state"))),
                map.get("restarts") instanceof Number n ? n.longValue() : 0);
    }

    private Path fileOf(String serviceName) {
        return servicesDir.resolve(serviceName + SUFFIX);
    }

    private static void writeAtomically(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE)) {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
