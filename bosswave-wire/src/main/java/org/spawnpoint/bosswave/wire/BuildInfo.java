package org.spawnpoint.bosswave.wire;

/**
 * The version of this build, the one every tool of the project prints ({@code bw2}, {@code spawnd}, {@code spawnctl}):
 * Maven writes it into the generated {@code BuildVersion} when it builds this module, so there is nothing to keep in
 * step. A constant rather than a {@code build.properties} resource: finding and reading that resource opened the
 * module image and three jars, 10-30 ms of every {@code spawnctl --version} (issue 17).
 */
public final class BuildInfo {
    private BuildInfo() {
    }

    /** The project version of this build, e.g. {@code 0.2.0-SNAPSHOT}; {@code unknown} outside a Maven build. */
    public static String version() {
        String v = BuildVersion.VERSION;
        return v.isEmpty() || v.startsWith("${") ? "unknown" : v;
    }
}
