package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * Whether a service container can open a TCP connection to an address, tried from a throw-away container of the
 * service base image on the default bridge, as services run. spawnd uses it at start for {@code containerRouter}: a
 * router that listens only on 127.0.0.1 is unreachable from containers, and every service would fail to connect.
 */
final class ContainerProbe {
    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");

    private ContainerProbe() {
    }

    /** Empty when {@code host:port} answered from a container within {@code timeout}; else why not. */
    static Optional<String> tcp(DockerClient docker, String instanceId, String image, String host, int port,
                                Duration timeout) {
        if (!HOST.matcher(host).matches() || port < 1 || port > 65535) {
            return Optional.of("'" + host + ":" + port + "' is not a host and port");
        }
        String target = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        long seconds = Math.max(1, timeout.toSeconds());
        String id;
        try {
            // bash's /dev/tcp: no extra package needed in the image; the host was checked above, so no quoting issue.
            id = docker.createContainerCmd(image)
                    .withCmd("timeout", Long.toString(seconds), "bash", "-c", "exec 3<>/dev/tcp/" + target + "/" + port)
                    .withLabels(Map.copyOf(Labels.owned(instanceId, "router-probe")))
                    .exec().getId();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return Optional.empty(); // no base image yet: nothing can be said until the first deploy pulls or builds it
        } catch (DockerException e) {
            return Optional.of("cannot create a probe container from " + image + ": " + e.getMessage());
        }
        try {
            docker.startContainerCmd(id).exec();
            Integer code = docker.waitContainerCmd(id).start().awaitStatusCode(seconds + 10, TimeUnit.SECONDS);
            return code != null && code == 0 ? Optional.empty()
                    : Optional.of(code != null && code == 124 ? "no answer within " + seconds + " s"
                            : "connection refused or unreachable (probe exit " + code + ")");
        } catch (RuntimeException e) {
            return Optional.of("the probe container failed: " + e.getMessage());
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException e) {
                // recovery removes owned containers without a manifest
            }
        }
    }
}
