package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.HostConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.NameRules;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.Daemon;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;

/**
 * Issue 11 on the real engine, through spawnd: networks a service may not join, what every container gets
 * (no-new-privileges, a pids limit, capped logs), file modes kept, and volume names that cannot collide.
 */
class SpawndHardeningIT {
    @TempDir
    static Path dir;
    static TestSpawnpoint sp;
    static Daemon daemon;
    static ServiceLog log;
    static BosswaveClient user;

    @BeforeAll
    static void start() throws Exception {
        sp = TestSpawnpoint.start(dir, "hard");
        daemon = sp.startDaemon("1G", 2048, Map.of());
        log = ServiceLog.follow(sp);
        user = log.user;
    }

    @AfterAll
    static void stop() {
        if (log != null) {
            log.close();
        }
        if (sp != null) {
            sp.close();
        }
    }

    static String awaitLog(String service, Predicate<String> what, String description) throws InterruptedException {
        return log.await(service, what, description).contents();
    }

    static void deploy(String name, String run, String extra, byte[] tar) throws Exception {
        String yaml = "serviceName: " + name + "\nentity: " + Base64.getEncoder().encodeToString(
                Files.readAllBytes(sp.userKey)) + "\nimage: " + TestSpawnpoint.IMAGE + "\nrun: " + run
                + "\nmemAlloc: 64M\ncpuShares: 128\n" + extra;
        PublishParams p = PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes()));
        if (tar != null) {
            p.payload(IncludedFiles.toPayloadObject(tar));
        }
        user.publish(p);
    }

    static String container(String svc) {
        return TestSpawnpoint.containerName(sp.instanceId, svc);
    }

    @Test
    void overlayNetMayNotNamePredefinedOrForeignNetworks() throws Exception {
        for (String net : List.of("host", "bridge")) {
            deploy("net-" + net, "[sleep, '600']", "overlayNet: " + net + "\n", null);
            String failure = awaitLog("net-" + net, s -> s.startsWith("[FAILURE]"), "refusal");
            assertEquals("[FAILURE] Failed to launch service: Invalid service config: 'overlayNet' may not be '" + net
                    + "', one of Docker's predefined networks (host, none, bridge, default): expected the name of a "
                    + "network for spawnd to create and own, or no overlayNet for the default bridge; the host network "
                    + "is only for useHostNet on a spawnpoint with allowHostNet", failure);
        }
        String foreign = "it-foreign-" + UUID.randomUUID().toString().substring(0, 8);
        try (DockerClient docker = DockerBackend.newClient()) {
            String netId = docker.createNetworkCmd().withName(foreign).withDriver("bridge").exec().getId();
            try {
                deploy("net-foreign", "[sleep, '600']", "overlayNet: " + foreign + "\n", null);
                String failure = awaitLog("net-foreign", s -> s.startsWith("[FAILURE]"), "refusal");
                assertTrue(failure.contains("'overlayNet' names the existing Docker network '" + foreign + "', which "
                        + "this spawnpoint did not create (it lacks the label org.spawnpoint.instance=" + sp.instanceId
                        + "): expected the name of a network that spawnd creates and owns"), failure);
                assertTrue(docker.listContainersCmd().withShowAll(true).withNameFilter(List.of(container("net-foreign")))
                        .exec().isEmpty(), "no container was made");
            } finally {
                docker.removeNetworkCmd(netId).exec();
            }
        }
        for (String s : List.of("net-host", "net-bridge", "net-foreign")) {
            daemon.manager().awaitIdle(s, 10_000);
            assertEquals(null, daemon.manager().states().get(s));
        }
    }

    @Test
    void containersAreHardenedByDefault() throws Exception {
        deploy("hardened", "[sleep, '600']", "", null);
        awaitLog("hardened", s -> s.contains("[SUCCESS] Container (re)start successful"), "start");
        try (DockerClient docker = DockerBackend.newClient()) {
            HostConfig host = docker.inspectContainerCmd(container("hardened")).exec().getHostConfig();
            assertEquals(List.of("no-new-privileges:true"), host.getSecurityOpts());
            assertEquals(1024L, host.getPidsLimit());
            assertEquals("json-file", host.getLogConfig().getType().getType());
            assertEquals(Map.of("max-size", "10m", "max-file", "3"), host.getLogConfig().getConfig());
        }
    }

    @Test
    void includedFilesKeepTheirModes() throws Exception {
        Path inc = Files.createDirectories(dir.resolve("inc"));
        Path secret = Files.writeString(inc.resolve("secret.txt"), "s");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        byte[] tar = IncludedFiles.pack(List.of("secret.txt"), List.of(), inc);
        deploy("modes", "[sh, -c, 'stat -c \"mode=%a\" secret.txt; sleep 600']", "", tar);
        assertEquals("mode=600", awaitLog("modes", s -> s.startsWith("mode="), "the file's mode"));
    }

    @Test
    void volumeNamesOfDifferentServicesDoNotCollide() throws Exception {
        // Spawnpoint 0.2 named both Docker volumes "vol.x.y".
        deploy("vol", "[sh, -c, 'echo vol > /srv/x.y/who; sleep 1; cat /srv/x.y/who; sleep 600']",
                "volumes: [x.y]\n", null);
        deploy("vol.x", "[sh, -c, 'sleep 2; cat /srv/y/who 2>/dev/null || echo empty; sleep 600']",
                "volumes: [y]\n", null);
        assertEquals("vol", awaitLog("vol", s -> s.equals("vol"), "its own volume"));
        assertEquals("empty", awaitLog("vol.x", s -> s.equals("empty") || s.equals("vol"), "its own volume"));
        try (DockerClient docker = DockerBackend.newClient()) {
            InspectContainerResponse a = docker.inspectContainerCmd(container("vol")).exec();
            InspectContainerResponse b = docker.inspectContainerCmd(container("vol.x")).exec();
            String token = NameRules.instanceToken(sp.instanceId);
            assertEquals("spawnpoint_" + token + "_vol__x.y", a.getMounts().get(0).getName());
            assertEquals("spawnpoint_" + token + "_vol.x__y", b.getMounts().get(0).getName());
            assertNotEquals(a.getMounts().get(0).getName(), b.getMounts().get(0).getName());
        }
    }
}
