package org.spawnpoint.spawnclient.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.spawnpoint.bosswave.payload.PayloadObject;

/**
 * The included-files payload of a deploy: a tar of {@code includedFiles} (each under its base name) and
 * {@code includedDirs} (each under its own name, with everything below it), sent base64-encoded as a String PO
 * (64.0.1.0) after the YAML PO (spawnpoint-0.2.md §3.2, with defects 9–11 of §9.1 fixed: directories keep their
 * names, a missing path is an error, and nothing is written to a shared temporary file).
 */
public final class IncludedFiles {
    /** Largest tar accepted: its base64 must fit in one frame (64 MiB) with room to spare. */
    public static final long MAX_TAR_BYTES = DeployLimits.MAX_INCLUDED_BYTES;

    /** One archive member: a path relative to the service's working directory, with {@code /} separators. */
    public record Entry(String name, boolean directory, int mode, byte[] content) {
    }

    private IncludedFiles() {
    }

    /**
     * Packs the files and directories of a config, resolving relative paths against {@code workDir} and {@code ~}
     * against the home directory. Returns null when both lists are empty (no tar PO is sent then).
     *
     * <p>Every path, and every path below an included directory, must lead (after symbolic links) to a place inside
     * {@code workDir}, the folder of the config's relative paths: a private key elsewhere on the machine cannot be
     * shipped by a config that names it or links to it. Files keep their permission bits (a 0600 file arrives 0600).
     * Nothing may land on the service's entity ({@value #ENTITY_NAME}), and at most
     * {@link DeployLimits#MAX_INCLUDED_FILES} entries and {@link DeployLimits#MAX_INCLUDED_BYTES} are packed.
     *
     * @throws ConfigException naming the key ({@code includedFiles} or {@code includedDirs}) and the path at fault
     */
    public static byte[] pack(List<String> files, List<String> dirs, Path workDir) {
        if (files.isEmpty() && dirs.isEmpty()) {
            return null;
        }
        TarWriter tar = new TarWriter(MAX_TAR_BYTES);
        Set<String> topNames = new HashSet<>();
        try {
            Path root = workDir.toRealPath();
            for (String f : dirs) {
                Path dir = resolve(workDir, f);
                if (!Files.isDirectory(dir)) {
                    throw new ConfigException("includedDirs", Files.exists(dir)
                            ? "expected directories, but \"" + f + "\" is not a directory"
                            : "expected existing directories, but \"" + f + "\" does not exist (looked at " + dir + ")");
                }
                requireInside("includedDirs", f, dir, root);
                String top = topName("includedDirs", f, dir, topNames);
                addDirectory(tar, dir, top, root);
            }
            for (String f : files) {
                Path file = resolve(workDir, f);
                if (!Files.isRegularFile(file)) {
                    throw new ConfigException("includedFiles", Files.isDirectory(file)
                            ? "expected files, but \"" + f + "\" is a directory (list it under includedDirs)"
                            : "expected existing files, but \"" + f + "\" does not exist (looked at " + file + ")");
                }
                requireInside("includedFiles", f, file, root);
                tar.file(topName("includedFiles", f, file, topNames), mode(file), Files.readAllBytes(file));
                countEntry(tar, "includedFiles");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read included files: " + e.getMessage(), e);
        } catch (TarWriter.TooLargeException e) {
            throw new ConfigException(null, "included files and directories are larger than "
                    + (MAX_TAR_BYTES >> 20) + " MiB; ship large data in the image or a volume instead");
        }
        return tar.finish();
    }

    /** The name an included file may not have: it would replace the service's entity in its working directory. */
    public static final String ENTITY_NAME = "entity.key";

    /**
     * Refuses an archive entry that would land on the service's entity, {@code /srv/spawnpoint/entity.key}: the
     * file itself or a directory of that name.
     *
     * @throws ConfigException naming {@code key} and the entry
     */
    public static void requireNotEntity(String key, String name) {
        if (name.equals(ENTITY_NAME) || name.startsWith(ENTITY_NAME + "/")) {
            throw new ConfigException(key, "may not include \"" + name + "\": it would replace the service's entity "
                    + "/srv/spawnpoint/" + ENTITY_NAME + "; rename it");
        }
    }

    private static void requireInside(String key, String given, Path path, Path root) throws IOException {
        Path real = path.toRealPath();
        if (!real.startsWith(root)) {
            throw new ConfigException(key, "\"" + given + "\" leads outside " + root + " (to " + real + "): included "
                    + "paths and the symbolic links in them must stay inside the folder of the config");
        }
    }

    private static void insideOrThrow(String top, Path dir, Path p, Path root) {
        String rel = dir.relativize(p).toString().replace('\\', '/');
        try {
            requireInside("includedDirs", rel.isEmpty() ? top : top + "/" + rel, p, root);
        } catch (NoSuchFileException e) {
            // Removed while we walked, or a dangling link: left out below.
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void countEntry(TarWriter tar, String key) {
        if (tar.entries() > DeployLimits.MAX_INCLUDED_FILES) {
            throw new ConfigException(key, "include more than " + DeployLimits.MAX_INCLUDED_FILES + " files and "
                    + "directories, the most any spawnpoint accepts (see its maxIncludedFiles); ship them in the image "
                    + "or a volume instead");
        }
    }

    /** The String PO (64.0.1.0) carrying the standard base64 of a tar. */
    public static PayloadObject toPayloadObject(byte[] tar) {
        return PayloadObject.ofString(Base64.getEncoder().encodeToString(tar));
    }

    /** Decodes the String PO's text (base64 of a tar) into its entries; every name is checked to stay inside. */
    public static List<Entry> fromBase64(String base64) {
        byte[] tar;
        try {
            tar = Base64.getDecoder().decode(base64.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new PayloadFormatException("included files: expected the base64 of a tar archive: " + e.getMessage());
        }
        return TarReader.read(tar);
    }

    /** Reads a tar's entries; throws {@link PayloadFormatException} for malformed archives or escaping names. */
    public static List<Entry> read(byte[] tar) {
        return TarReader.read(tar);
    }

    static Path resolve(Path workDir, String path) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        return workDir.resolve(p).normalize();
    }

    private static String topName(String key, String given, Path path, Set<String> taken) {
        Path fn = path.getFileName();
        if (fn == null) {
            throw new ConfigException(key, "expected paths with a name, got \"" + given + "\"");
        }
        String name = fn.toString();
        requireNotEntity(key, name);
        if (!taken.add(name)) {
            throw new ConfigException(key, "two included paths have the same name \"" + name
                    + "\"; they would overwrite each other in the service's working directory");
        }
        return name;
    }

    private static void addDirectory(TarWriter tar, Path dir, String top, Path root) throws IOException {
        List<Path> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir, FileVisitOption.FOLLOW_LINKS)) {
            // Checked as the walk goes (it is lazy), so a link to "/" is refused before anything below it is read.
            // Bounded: a huge tree is refused after the ceiling, not read to the end.
            walk.peek(p -> insideOrThrow(top, dir, p, root)).limit(DeployLimits.MAX_INCLUDED_FILES + 1L).sorted()
                    .forEach(paths::add);
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemLoopException loop) {
                throw new ConfigException("includedDirs", "directory \"" + top + "\" contains a symbolic link loop at "
                        + loop.getFile());
            }
            throw e.getCause();
        }
        if (paths.size() > DeployLimits.MAX_INCLUDED_FILES) {
            throw new ConfigException("includedDirs", "directory \"" + top + "\" holds more than "
                    + DeployLimits.MAX_INCLUDED_FILES + " files and directories, the most any spawnpoint accepts (see "
                    + "its maxIncludedFiles); ship them in the image or a volume instead");
        }
        for (Path p : paths) {
            String rel = dir.relativize(p).toString().replace('\\', '/');
            String name = rel.isEmpty() ? top : top + "/" + rel;
            try {
                if (Files.isDirectory(p)) {
                    tar.directory(name, 0755);
                } else if (Files.isRegularFile(p)) {
                    tar.file(name, mode(p), Files.readAllBytes(p));
                }
                countEntry(tar, "includedDirs");
                // Sockets, pipes and devices are not files a service can use; they are left out.
            } catch (NoSuchFileException e) {
                // Removed while we walked: as if it had not been there.
            } catch (ConfigException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw new ConfigException("includedDirs", e.getMessage());
            }
        }
    }

    /** The file's own permission bits, so that a 0600 file stays 0600 in the container. */
    private static int mode(Path file) {
        try {
            int mode = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(file)) {
                mode |= 0400 >> p.ordinal();
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return Files.isExecutable(file) ? 0755 : 0644;
        }
    }
}
