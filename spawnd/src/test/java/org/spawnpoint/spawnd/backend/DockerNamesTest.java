package org.spawnpoint.spawnd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class DockerNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "demo", "my-service", "my_service", "my__service", "svc.v2", "a--b", "0x1", "abc123"})
    void acceptsNamesDockerAccepts(String name) {
        assertEquals(name, DockerNames.requireValidServiceName("serviceName", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyService", "UPPER", "-lead", "trail-", "_x", "x_", ".x", "x.", "a b", "a/b", "a:b",
            "a..b", "a___b", "a._b", "ümlaut", "a\nb"})
    void refusesNamesDockerRefuses(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DockerNames.requireValidServiceName("serviceName", name));
        assertTrue(e.getMessage().startsWith("serviceName '" + name + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("lower-case letters and digits"), e.getMessage());
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidServiceName("serviceName", ""))
                .getMessage().contains("serviceName is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidServiceName("serviceName", null))
                .getMessage().contains("serviceName is missing"));
        String longName = "a".repeat(64);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DockerNames.requireValidServiceName("serviceName", longName)).getMessage().contains("at most 63"));
        assertEquals("a".repeat(63), DockerNames.requireValidServiceName("serviceName", "a".repeat(63)));
    }

    @Test
    void namesFollowSpawnpointZeroTwo() {
        assertEquals("spawnpoint_demo", DockerNames.containerName("demo"));
        assertEquals("spawnpoint_image_demo", DockerNames.imageName("demo"));
        assertEquals("demo.data", DockerNames.volumeName("demo", "data"));
    }

    @Test
    void volumeNames() {
        assertEquals("Data_1.x-y", DockerNames.requireValidVolumeName("volumes[0]", "Data_1.x-y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[1]", "../etc"))
                .getMessage().startsWith("volumes[1] '../etc'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[0]", "spawnpoint"))
                .getMessage().contains("reserved"));
        assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[0]", "a/b"));
    }
}
