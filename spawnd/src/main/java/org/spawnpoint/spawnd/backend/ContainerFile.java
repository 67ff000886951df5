package org.spawnpoint.spawnd.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A file placed in a container (or an image build context) before anything runs.
 *
 * @param path  where it goes: relative to the service's working directory, or absolute; never with {@code ..}
 * @param content the bytes
 * @param mode  Unix permission bits, e.g. {@code 0644}
 */
public record ContainerFile(String path, byte[] content, int mode) {
    /** Where a service's entity goes, as in Spawnpoint 0.2; {@code BW2_DEFAULT_ENTITY} points here. */
    public static final String ENTITY_PATH = "/srv/spawnpoint/entity.key";

    public ContainerFile {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("file path is empty: expected a path such as 'params.yml'");
        }
        if (content == null) {
            throw new IllegalArgumentException("file '" + path + "' has no content");
        }
        if (mode < 0 || mode > 07777) {
            throw new IllegalArgumentException("file '" + path + "' has mode " + Integer.toOctalString(mode)
                    + ": expected Unix permission bits between 0 and 07777");
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new IllegalArgumentException("file path '" + path + "' contains '..': included files must stay "
                        + "inside the working directory");
            }
        }
        if (path.endsWith("/") || path.contains("\0")) {
            throw new IllegalArgumentException("file path '" + path + "' is not a file name");
        }
        content = content.clone();
    }

    /** A service's private entity: {@value #ENTITY_PATH}, readable by its owner only (mode 0400). */
    public static ContainerFile entity(byte[] entity) {
        return new ContainerFile(ENTITY_PATH, entity, 0400);
    }

    /** An ordinary file, mode 0644. */
    public static ContainerFile of(String path, byte[] content) {
        return new ContainerFile(path, content, 0644);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The absolute path in the container, for a working directory {@code workingDir}; {@code .} segments dropped. */
    public String absolutePath(String workingDir) {
        String joined = path.startsWith("/") ? path : workingDir + "/" + path;
        List<String> parts = new ArrayList<>();
        for (String part : joined.split("/")) {
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    // Records compare arrays by identity; files are compared by content.
    @Override
    public boolean equals(Object o) {
        return o instanceof ContainerFile f && f.path.equals(path) && f.mode == mode && Arrays.equals(f.content, content);
    }

    @Override
    public int hashCode() {
        return path.hashCode() * 31 + Arrays.hashCode(content);
    }

    /** Never prints the content: it may be a private key. */
    @Override
    public String toString() {
        return "ContainerFile[" + path + ", " + content.length + " bytes, mode " + Integer.toOctalString(mode) + "]";
    }
}
