package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/** Host networking and device mapping (daemon opt-ins) reach the engine. */
class HostAccessIT {
    @Test
    void hostNetworkAndDevicesAreApplied() throws Exception {
        String instance = "it-host-" + UUID.randomUUID().toString().substring(0, 8);
        String svc = "hostnet-" + instance.substring(8);
        try (ServiceBackend backend = DockerBackend.connect(instance); DockerClient docker = DockerBackend.newClient()) {
            String id = backend.createAndStart(ContainerSpec.of(svc, "spawnpoint/debian:bookworm",
                    List.of("sleep", "60"), 16L << 20, 64).withHostAccess(true, List.of("/dev/zero")));
            try {
                InspectContainerResponse c = docker.inspectContainerCmd(id).exec();
                assertEquals("host", c.getHostConfig().getNetworkMode());
                assertTrue(List.of(c.getHostConfig().getDevices()).stream()
                        .anyMatch(d -> d.getPathInContainer().equals("/dev/zero") && d.getcGroupPermissions().equals("rwm")));
            } finally {
                backend.remove(id);
            }
        }
    }
}
