package org.spawnpoint.bosswave.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The version of this build, the one every tool of the project prints ({@code bw2}, {@code spawnd}, {@code spawnctl}):
 * Maven writes it into {@code build.properties} when it builds this module, so there is nothing to keep in step.
 */
public final class BuildInfo {
    private static final String VERSION = load();

    private BuildInfo() {
    }

    /** The project version of this build, e.g. {@code 0.2.0-SNAPSHOT}; {@code unknown} outside a Maven build. */
    public static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
