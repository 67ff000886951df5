package org.spawnpoint.spawnd.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerNamesTest {
    private final DockerNames names = new DockerNames("3b9f6c1e-0000-4000-8000-000000000001");

    @ParameterizedTest
    @ValueSource(strings = {"a", "demo", "my-service", "my_service", "svc.v2", "a--b", "0x1", "abc123"})
    void acceptsNamesDockerAccepts(String name) {
        assertEquals(name, DockerNames.requireValidServiceName("serviceName", name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"MyService", "UPPER", "-lead", "trail-", "_x", "x_", ".x", "x.", "a b", "a/b", "a:b",
            "a..b", "a___b", "a._b", "ümlaut", "a\nb", "my__service"})
    void refusesNamesDockerRefusesOrThatWouldBeAmbiguous(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DockerNames.requireValidServiceName("serviceName", name));
        assertTrue(e.getMessage().startsWith("Invalid service config: 'serviceName' expected lower-case letters and "
                + "digits"), e.getMessage());
        assertTrue(e.getMessage().endsWith("got \"" + name + "\""), e.getMessage());
    }

    @Test
    void refusesEmptyAndOverlongNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidServiceName("serviceName", ""))
                .getMessage().contains("'serviceName' is missing"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidServiceName("serviceName", null))
                .getMessage().contains("'serviceName' is missing"));
        String longName = "a".repeat(64);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> DockerNames.requireValidServiceName("serviceName", longName)).getMessage().contains("at most 63"));
        assertEquals("a".repeat(63), DockerNames.requireValidServiceName("serviceName", "a".repeat(63)));
    }

    @Test
    void namesCarryTheInstanceToken() {
        String t = names.token();
        assertTrue(t.matches("[0-9a-f]{8}"), t);
        assertEquals("spawnpoint_" + t + "_demo", names.containerName("demo"));
        assertEquals("spawnpoint_image_" + t + "_demo", names.imageName("demo"));
        assertEquals("spawnpoint_" + t + "_demo__data", names.volumeName("demo", "data"));
        DockerNames other = new DockerNames("3b9f6c1e-0000-4000-8000-000000000002");
        assertNotEquals(names.containerName("demo"), other.containerName("demo"), "two spawnpoints on one engine");
        assertNotEquals(names.volumeName("demo", "data"), other.volumeName("demo", "data"));
    }

    @Test
    void volumeNamesOfDifferentServicesNeverCollide() {
        // Spawnpoint 0.2's <svc>.<vol> gave "a.b.c" for both.
        assertNotEquals(names.volumeName("a", "b.c"), names.volumeName("a.b", "c"));
        assertNotEquals(names.volumeName("a", "b_c"), names.volumeName("a_b", "c"));
        assertNotEquals(names.volumeName("a", "b__c"), names.volumeName("a_b", "c"));
    }

    @Test
    void volumeAndNetworkNames() {
        assertEquals("Data_1.x-y", DockerNames.requireValidVolumeName("volumes[0]", "Data_1.x-y"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[1]", "../etc"))
                .getMessage().contains("'volumes' expected volume names"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[0]", "spawnpoint"))
                .getMessage().contains("/srv/spawnpoint is the service's working directory"));
        assertThrows(IllegalArgumentException.class, () -> DockerNames.requireValidVolumeName("volumes[0]", "a/b"));
        for (String predefined : new String[] {"host", "bridge", "none"}) {
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> DockerNames.requireValidNetworkName("network", predefined)).getMessage()
                    .startsWith("Invalid service config: 'overlayNet' may not be '" + predefined + "'"));
        }
    }
}
