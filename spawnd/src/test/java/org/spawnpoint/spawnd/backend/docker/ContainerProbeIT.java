package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.api.DockerClient;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.Labels;

/** The containerRouter check on the real engine: an address that listens on the bridge is reachable, a closed one not. */
class ContainerProbeIT {
    private static final String IMAGE = "spawnpoint/debian:bookworm";

    @Test
    void listeningOnTheBridgeIsReachableAndLoopbackOnlyIsNot() throws Exception {
        String instance = "probe-it-" + UUID.randomUUID();
        try (DockerClient docker = DockerBackend.newClient()) {
            String gateway = docker.inspectNetworkCmd().withNetworkId("bridge").exec().getIpam().getConfig().get(0)
                    .getGateway();
            try (ServerSocket onBridge = new ServerSocket()) {
                onBridge.bind(new InetSocketAddress(InetAddress.getByName(gateway), 0));
                assertEquals(Optional.empty(), ContainerProbe.tcp(docker, instance, IMAGE, gateway,
                        onBridge.getLocalPort(), Duration.ofSeconds(5)));
            }
            try (ServerSocket loopbackOnly = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
                Optional<String> problem = ContainerProbe.tcp(docker, instance, IMAGE, gateway,
                        loopbackOnly.getLocalPort(), Duration.ofSeconds(3));
                assertTrue(problem.isPresent(), "a router on 127.0.0.1 only is out of the containers' reach");
            }
            assertTrue(ContainerProbe.tcp(docker, instance, IMAGE, "a;reboot", 1, Duration.ofSeconds(1)).orElseThrow()
                    .contains("is not a host and port"));
            assertEquals(0, docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(Map.of(Labels.INSTANCE, instance)).exec().size(), "the probes are removed");
        }
    }
}
