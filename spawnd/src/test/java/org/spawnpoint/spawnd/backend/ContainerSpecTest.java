package org.spawnpoint.spawnd.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerSpecTest {
    private static final long MIB = 1024 * 1024;

    @Test
    void defaultsAndNames() {
        ContainerSpec spec = ContainerSpec.of("demo", "spawnpoint/base:latest", List.of("java", "Main"), 64 * MIB, 512);
        assertEquals("/srv/spawnpoint", spec.workingDir());
        assertEquals(List.of(), spec.volumes());
        assertEquals(List.of("A=1", "B=x=y"), spec.withEnv(Map.of("B", "x=y", "A", "1")).envList());
    }

    @Test
    void refusesBadServiceNameNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.of("My Service", "img", List.of(), 64 * MIB, 512));
        assertTrue(e.getMessage().startsWith("Invalid service config: 'serviceName' expected lower-case letters"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("got \"My Service\""), e.getMessage());
    }

    @Test
    void refusesTooLittleMemoryAndCpu() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.of("demo", "img", List.of(), MIB, 512)).getMessage().contains("at least 6291456"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 0)).getMessage().startsWith("cpuShares"));
    }

    @Test
    void volumesAreCheckedAndUnique() {
        ContainerSpec base = ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 512);
        assertEquals(List.of("data", "cache"), base.withVolumes(List.of("data", "cache")).volumes());
        assertThrows(IllegalArgumentException.class, () -> base.withVolumes(List.of("data", "data")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> base.withVolumes(List.of("ok", "a/b")))
                .getMessage().contains("'volumes' expected volume names"));
    }

    @Test
    void nothingReplacesTheEntity() {
        ContainerSpec base = ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 512);
        ContainerFile entity = ContainerFile.entity(new byte[] {1, 2});
        assertEquals(1, base.withFiles(List.of(entity, ContainerFile.of("conf/entity.key", new byte[1]))).files().size()
                - 1);
        for (String path : List.of("entity.key", "/srv/spawnpoint/entity.key", "./entity.key", "entity.key/x")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> base.withFiles(List.of(entity, ContainerFile.of(path, new byte[1]))));
            assertEquals("file '" + path + "' of service demo would replace the service's entity "
                    + "/srv/spawnpoint/entity.key", e.getMessage());
        }
    }

    @Test
    void labelsStayInTheNamespaceAndCannotOverrideOwnership() {
        ContainerSpec base = ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 512);
        assertEquals("abc", base.withLabels(Map.of("org.spawnpoint.manifest", "abc")).labels().get("org.spawnpoint.manifest"));
        assertThrows(IllegalArgumentException.class, () -> base.withLabels(Map.of("com.example.x", "1")));
        assertThrows(IllegalArgumentException.class, () -> base.withLabels(Map.of(Labels.INSTANCE, "other")));
        assertThrows(IllegalArgumentException.class, () -> base.withLabels(Map.of(Labels.MANAGED, "false")));
    }

    @Test
    void networkNameChecked() {
        ContainerSpec base = ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 512);
        assertEquals("overlayNet", base.withNetwork("overlayNet").network());
        assertThrows(IllegalArgumentException.class, () -> base.withNetwork("bad net"));
    }

    @Test
    void entityFileIsOwnerReadOnlyAndNeverPrinted() {
        byte[] secret = "SECRETKEY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ContainerFile entity = ContainerFile.entity(secret);
        assertEquals("/srv/spawnpoint/entity.key", entity.path());
        assertEquals(0400, entity.mode());
        assertArrayEquals(secret, entity.content());
        secret[0] = 'X';
        assertEquals('S', entity.content()[0], "the record keeps its own copy");
        assertFalse(entity.toString().contains("SECRETKEY") || entity.toString().contains("83, 69"), entity.toString());
        ContainerSpec spec = ContainerSpec.of("demo", "img", List.of(), 64 * MIB, 512).withFiles(List.of(entity));
        assertFalse(spec.toString().contains("SECRETKEY") || spec.toString().contains("83, 69"), spec.toString());
    }

    @Test
    void filePathsResolveAgainstTheWorkingDirectory() {
        assertEquals("/srv/spawnpoint/conf/p.yml", ContainerFile.of("./conf//p.yml", new byte[0]).absolutePath("/srv/spawnpoint"));
        assertEquals("/etc/x", ContainerFile.of("/etc/x", new byte[0]).absolutePath("/srv/spawnpoint"));
        assertThrows(IllegalArgumentException.class, () -> ContainerFile.of("../x", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> ContainerFile.of("dir/", new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new ContainerFile("x", new byte[0], 010000));
    }
}
