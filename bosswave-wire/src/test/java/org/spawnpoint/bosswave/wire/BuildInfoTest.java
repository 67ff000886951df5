package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuildInfoTest {
    @Test
    void theBuildFillsInTheProjectVersion() {
        String v = BuildInfo.version();
        assertTrue(v.matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), "BuildInfo.version() is '" + v
                + "': the generated BuildVersion was not filtered (bosswave-wire's pom, version-source)");
    }
}
