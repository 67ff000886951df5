package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnd.backend.ContainerFile;

/** The daemon's own checks of a deploy: it never trusts the client's. */
class DeploymentTest {
    @TempDir
    Path dir;

    static final Deployment.Policy SMALL = new Deployment.Policy("alpha", null, false, false,
            new Deployment.Limits(2, 3, 65536));

    static String config(String extra) {
        return ServiceManagerTest.config("svc", "10M", 10, extra);
    }

    static String message(String yaml, String tar) {
        return assertThrows(Deployment.InvalidDeploymentException.class, () -> Deployment.plan(yaml, tar, SMALL))
                .getMessage();
    }

    /** A tar as a hostile client might send it: written by GNU tar, so the client's checks never ran. */
    String gnuTar(String... names) throws Exception {
        Path src = Files.createTempDirectory(dir, "src");
        for (String n : names) {
            Path p = src.resolve(n);
            Files.createDirectories(p.getParent());
            Files.writeString(p, "x");
        }
        Process p = new ProcessBuilder(List.of("tar", "-cf", "-", "-C", src.toString(),
                names[0].split("/")[0])).start();
        byte[] tar = p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        return Base64.getEncoder().encodeToString(tar);
    }

    @Test
    void volumesBeyondTheDaemonsLimitAreRefusedNamingTheKey() {
        assertEquals("Invalid service config: 'volumes' names 3 volumes: spawnpoint alpha allows at most 2 per service "
                + "(daemon config key maxVolumes)", message(config("volumes: [a, b, c]\n"), null));
    }

    @Test
    void includedFilesBeyondTheLimitsAreRefusedNamingTheKey() throws Exception {
        assertEquals("Invalid service config: the included files archive holds 5 files and directories: spawnpoint "
                + "alpha allows at most 3 (daemon config key maxIncludedFiles)",
                message(config(""), gnuTar("d/1", "d/2", "d/3", "d/4")));
        String big = Base64.getEncoder().encodeToString(new byte[100_000]);
        assertEquals("Invalid service config: the included files archive is about 100002 bytes: spawnpoint alpha "
                + "allows at most 65536 (daemon config key maxIncludedSize)", message(config(""), big));
    }

    @Test
    void anIncludedEntityIsRefused() throws Exception {
        assertEquals("Invalid service config: 'includedFiles' may not include \"entity.key\": it would replace the "
                + "service's entity /srv/spawnpoint/entity.key; rename it", message(config(""), gnuTar("entity.key")));
        assertEquals("Invalid service config: 'includedDirs' may not include \"entity.key\": it would replace the "
                + "service's entity /srv/spawnpoint/entity.key; rename it",
                message(config(""), gnuTar("entity.key/x")));
    }

    @Test
    void fileModesAreKept() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        String tar = Base64.getEncoder().encodeToString(IncludedFiles.pack(List.of("secret.txt"), List.of(), dir));
        Deployment d = Deployment.plan(config(""), tar, SMALL);
        ContainerFile f = d.containerSpec("img").files().stream().filter(x -> x.path().equals("secret.txt"))
                .findFirst().orElseThrow();
        assertEquals(0600, f.mode());
    }

    @Test
    void predefinedNetworksAreRefused() {
        assertEquals("Invalid service config: 'overlayNet' may not be 'host', one of Docker's predefined networks "
                + "(host, none, bridge, default): expected the name of a network for spawnd to create and own, or no "
                + "overlayNet for the default bridge; the host network is only for useHostNet on a spawnpoint with "
                + "allowHostNet", message(config("overlayNet: host\n"), null));
    }
}
