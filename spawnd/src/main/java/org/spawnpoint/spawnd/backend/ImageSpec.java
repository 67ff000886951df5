package org.spawnpoint.spawnd.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a service's image is made of: a base image plus, optionally, Debian packages, a git checkout, included files
 * and build commands. {@link #dockerfile()} turns it into the Dockerfile that {@link ServiceBackend#prepareImage}
 * builds; when {@link #needsBuild()} is false no image is built and the base image runs directly.
 *
 * <p>The service's entity is never part of an image spec: it is copied into the container before start
 * ({@link ContainerFile#entity}), so it never lands in an image layer.
 *
 * @param baseImage   the image to start from, e.g. {@link #DEFAULT_BASE_IMAGE}
 * @param aptRequires Debian packages to install (names, optionally {@code name=version} or {@code name:arch})
 * @param source      a git repository cloned into the working directory: an {@code https://} (or {@code http://})
 *                    URL, with or without the {@code git+} prefix of Spawnpoint 0.2; {@code null} for none
 * @param buildSteps  shell commands, each one {@code RUN} line, run in the working directory after the rest
 * @param files       included files placed in the working directory (relative paths) before the build steps
 * @param workingDir  the working directory, normally {@link ContainerSpec#DEFAULT_WORKING_DIR}
 */
public record ImageSpec(String baseImage, List<String> aptRequires, String source, List<String> buildSteps,
                        List<ContainerFile> files, String workingDir) {
    /** The project's own service image (docker/build-images.sh): Java 17, git and the spawnable library. */
    public static final String DEFAULT_BASE_IMAGE = "spawnpoint/base:latest";

    /** Debian policy for package names, plus an optional architecture and version. */
    private static final Pattern APT_PACKAGE =
            Pattern.compile("[a-z0-9][a-z0-9+.-]+(?::[a-z0-9-]+)?(?:=[A-Za-z0-9.+~:-]+)?");

    public ImageSpec {
        baseImage = Objects.requireNonNullElse(baseImage, DEFAULT_BASE_IMAGE);
        if (baseImage.isBlank() || baseImage.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("image '" + baseImage + "' is not an image name: expected a reference "
                    + "such as 'spawnpoint/base:latest'");
        }
        aptRequires = List.copyOf(Objects.requireNonNullElse(aptRequires, List.of()));
        for (int i = 0; i < aptRequires.size(); i++) {
            if (!APT_PACKAGE.matcher(aptRequires.get(i)).matches()) {
                throw new IllegalArgumentException("aptRequires[" + i + "] '" + aptRequires.get(i) + "' is not a Debian "
                        + "package name: expected lower-case letters, digits, '+', '-' and '.', such as 'libssl-dev'");
            }
        }
        source = source == null || source.isBlank() ? null : normalizeSource(source);
        buildSteps = List.copyOf(Objects.requireNonNullElse(buildSteps, List.of()));
        for (int i = 0; i < buildSteps.size(); i++) {
            String step = buildSteps.get(i);
            if (step == null || step.isBlank()) {
                throw new IllegalArgumentException("build[" + i + "] is empty: expected a shell command");
            }
            // A line break would start a new Dockerfile instruction; a trailing backslash would swallow the next one.
            if (step.contains("\n") || step.contains("\r") || step.strip().endsWith("\\")) {
                throw new IllegalArgumentException("build[" + i + "] spans several lines: give each command as its own "
                        + "list item");
            }
        }
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        for (ContainerFile f : files) {
            if (f.path().startsWith("/")) {
                throw new IllegalArgumentException("included file '" + f.path() + "' is absolute: included files go "
                        + "into the working directory, so expected a relative path");
            }
        }
        workingDir = Objects.requireNonNullElse(workingDir, ContainerSpec.DEFAULT_WORKING_DIR);
        if (!workingDir.startsWith("/") || workingDir.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("workingDir '" + workingDir + "' is not an absolute path without spaces");
        }
    }

    /** An image spec that is just {@code baseImage}: nothing to build. */
    public static ImageSpec of(String baseImage) {
        return new ImageSpec(baseImage, List.of(), null, List.of(), List.of(), null);
    }

    /**
     * Parses {@code aptRequires} given as one space-separated string (Spawnpoint 0.2's form); a YAML list is passed
     * straight to the constructor.
     */
    public static List<String> splitAptRequires(String packages) {
        if (packages == null || packages.isBlank()) {
            return List.of();
        }
        return List.of(packages.strip().split("\\s+"));
    }

    /**
     * True when an image must be built: there are packages, a source, included files or build steps. Otherwise the
     * base image runs as it is and included files are copied into the container instead.
     */
    public boolean needsBuild() {
        return !aptRequires.isEmpty() || source != null || !buildSteps.isEmpty() || !files.isEmpty();
    }

    /**
     * The generated Dockerfile, in the order of Spawnpoint 0.2 (§3.3) minus the entity: {@code FROM}, the git clone,
     * {@code WORKDIR}, the packages, the included files, the build steps.
     */
    public String dockerfile() {
        List<String> lines = new ArrayList<>();
        lines.add("FROM " + baseImage);
        if (source != null) {
            // Exec form: the URL reaches git as one argument, never through a shell.
            lines.add("RUN [\"git\", \"clone\", \"--\", " + jsonString(source) + ", " + jsonString(workingDir) + "]");
        }
        lines.add("WORKDIR " + workingDir);
        if (!aptRequires.isEmpty()) {
            lines.add("RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y "
                    + String.join(" ", aptRequires) + " && rm -rf /var/lib/apt/lists/*");
        }
        if (!files.isEmpty()) {
            lines.add("COPY " + BUILD_CONTEXT_FILES_DIR + "/ ./");
        }
        for (String step : buildSteps) {
            lines.add("RUN " + step);
        }
        return String.join("\n", lines) + "\n";
    }

    /** The folder of the build context that holds the included files. */
    public static final String BUILD_CONTEXT_FILES_DIR = "included";

    private static String normalizeSource(String raw) {
        String url = raw.strip();
        if (url.startsWith("git+")) {
            url = url.substring("git+".length());
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("source '" + raw + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null) {
            throw new IllegalArgumentException("source '" + raw + "' is not supported: expected a git repository URL "
                    + "starting with https:// (or http://), optionally prefixed with git+");
        }
        return url;
    }

    private static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
