package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnd.backend.ContainerFile;

class EntityMountsTest {
    @TempDir
    Path state;

    @Test
    void writesTheEntityReadableByItsOwnerOnlyAndMountsItReadOnly() throws Exception {
        EntityMounts m = new EntityMounts(state.resolve("entities"));
        byte[] secret = "secret entity".getBytes(StandardCharsets.UTF_8);
        Mount mount = m.write("spawnpoint_abc_svc", secret);
        Path file = Path.of(mount.getSource());
        assertEquals(MountType.BIND, mount.getType());
        assertEquals(ContainerFile.ENTITY_PATH, mount.getTarget());
        assertTrue(mount.getReadOnly());
        assertEquals(state.resolve("entities").toAbsolutePath(), file.getParent());
        assertTrue(file.getFileName().toString().startsWith("spawnpoint_abc_svc."), file.toString());
        assertArrayEquals(secret, Files.readAllBytes(file));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
        // Every container gets a file of its own: removing an old container cannot take a new one's file.
        assertNotEquals(mount.getSource(), m.write("spawnpoint_abc_svc", secret).getSource());
    }

    @Test
    void aDirectoryWithLooserModeIsTightened() throws Exception {
        Path dir = Files.createDirectories(state.resolve("entities"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        new EntityMounts(dir);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void deletesItsOwnFilesOnly() throws Exception {
        EntityMounts m = new EntityMounts(state.resolve("entities"));
        String own = m.write("c1", new byte[] {1}).getSource();
        Path elsewhere = Files.writeString(state.resolve("other.key"), "x");
        Path notAnEntity = Files.writeString(state.resolve("entities").resolve("notes.txt"), "x");
        assertFalse(m.owns(elsewhere.toString()));
        assertFalse(m.owns(notAnEntity.toString()));
        assertFalse(m.owns(state.resolve("entities").resolve("../other.key").toString()));
        m.delete(elsewhere.toString());
        m.delete(notAnEntity.toString());
        m.delete(null);
        assertTrue(Files.exists(elsewhere));
        assertTrue(Files.exists(notAnEntity));
        m.delete(own);
        assertFalse(Files.exists(Path.of(own)));
        m.delete(own); // gone already: fine
    }

    @Test
    void sweepKeepsTheFilesInUse() {
        EntityMounts m = new EntityMounts(state.resolve("entities"));
        String kept = m.write("c1", new byte[] {1}).getSource();
        String stale = m.write("c2", new byte[] {2}).getSource();
        m.sweep(Set.of(kept));
        assertTrue(Files.exists(Path.of(kept)));
        assertFalse(Files.exists(Path.of(stale)));
    }

    @Test
    void onlyForAnEngineThatSharesTheseFiles() {
        URI local = URI.create("unix:///var/run/docker.sock");
        assertTrue(EntityMounts.forEngine(state, local, "{\"SecurityOptions\":[\"name=seccomp,profile=builtin\"]}")
                .isPresent());
        assertTrue(EntityMounts.forEngine(state, local, "").isPresent());
        assertFalse(EntityMounts.forEngine(state, URI.create("tcp://10.0.0.2:2376"), "").isPresent());
        assertFalse(EntityMounts.forEngine(null, local, "").isPresent());
        assertFalse(EntityMounts.forEngine(state, local,
                "{\"SecurityOptions\":[\"name=seccomp,profile=builtin\",\"name=userns\"]}").isPresent());
    }

    @Test
    void knowsTheEnginesAnswerForAMissingBindSource() {
        Exception refused = new RuntimeException("cannot create container x",
                new RuntimeException("Status 400: {\"message\":\"invalid mount config for type \\\"bind\\\": bind source "
                        + "path does not exist: /var/lib/spawnd/entities/x.1.key\"}"));
        assertTrue(EntityMounts.engineCannotSee(refused));
        assertFalse(EntityMounts.engineCannotSee(new RuntimeException("Status 409: name in use")));
    }
}
