package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The one name rule of spawnctl, spawnclient and spawnd, and the Docker names derived from it. */
class NameRulesTest {
    @Test
    void serviceNamesAreLowerCaseWithSingleSeparators() {
        for (String ok : List.of("a", "demo", "my-service", "my_service", "svc.v2", "a--b", "0x1", "a".repeat(63))) {
            assertEquals(ok, NameRules.checkServiceName(ok));
        }
        for (String bad : List.of("Demo", "a__b", "_x", "x_", "a b", "a/b", "a..b", "a._b", "a".repeat(64))) {
            ConfigException e = assertThrows(ConfigException.class, () -> NameRules.checkServiceName(bad));
            assertEquals("serviceName", e.field());
            assertTrue(e.getMessage().endsWith("got \"" + bad + "\""), e.getMessage());
        }
    }

    @Test
    void tokenIsEightHexDigitsOfTheInstanceId() {
        String t = NameRules.instanceToken("instance-1");
        assertTrue(t.matches("[0-9a-f]{8}"), t);
        assertEquals(t, NameRules.instanceToken("instance-1"));
        assertNotEquals(t, NameRules.instanceToken("instance-2"));
        assertThrows(IllegalArgumentException.class, () -> NameRules.instanceToken(" "));
    }

    @Test
    void derivedNamesAreUnambiguous() {
        assertEquals("spawnpoint_0badf00d_demo", NameRules.containerName("0badf00d", "demo"));
        assertEquals("spawnpoint_image_0badf00d_demo", NameRules.imageName("0badf00d", "demo"));
        assertEquals("spawnpoint_0badf00d_demo__data", NameRules.volumeName("0badf00d", "demo", "data"));
        // Every split of "a.b_c-d" into service and volume gives another Docker volume.
        String joined = "a.b_c-d";
        Set<String> seen = new HashSet<>();
        for (int i = 1; i < joined.length() - 1; i++) {
            String svc = joined.substring(0, i);
            String vol = joined.substring(i + 1);
            try {
                NameRules.checkServiceName(svc);
                NameRules.checkVolumeName(vol);
            } catch (ConfigException notAName) {
                continue;
            }
            assertTrue(seen.add(NameRules.volumeName("0badf00d", svc, vol)), svc + " / " + vol);
        }
        assertTrue(seen.size() >= 3, seen.toString());
        assertNotEquals(NameRules.volumeName("t", "a", "b.c"), NameRules.volumeName("t", "a.b", "c"));
    }

    @Test
    void overlayNetRefusesPredefinedNetworks() {
        for (String net : List.of("host", "bridge", "none", "default")) {
            ConfigException e = assertThrows(ConfigException.class, () -> NameRules.checkOverlayNet(net));
            assertEquals("overlayNet", e.field());
            assertTrue(e.getMessage().contains("may not be '" + net + "'"), e.getMessage());
        }
        assertEquals("mesh", NameRules.checkOverlayNet("mesh"));
        assertEquals("overlayNet", assertThrows(ConfigException.class, () -> NameRules.checkOverlayNet("a b")).field());
    }
}
