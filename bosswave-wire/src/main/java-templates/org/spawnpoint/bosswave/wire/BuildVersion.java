package org.spawnpoint.bosswave.wire;

/**
 * The project version as a constant: Maven copies this template into {@code target/generated-sources/version} with
 * the version filled in (see this module's pom), so that {@link BuildInfo} has nothing to read at run time.
 */
final class BuildVersion {
    static final String VERSION = "${project.version}";

    private BuildVersion() {
    }
}
