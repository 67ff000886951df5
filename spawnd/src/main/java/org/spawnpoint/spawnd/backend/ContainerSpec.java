package org.spawnpoint.spawnd.backend;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Everything needed to create and start one service's container. Validated on construction: a spec that exists is
 * one Docker will accept.
 *
 * @param serviceName the service; the container is named {@code spawnpoint_<token>_<svc>} (see {@link DockerNames})
 * @param image       the image to run: a built {@code spawnpoint_image_<token>_<svc>} or a base image run directly
 * @param command     the exec-form command (Docker {@code Cmd}); empty means the image's own
 * @param env         environment variables
 * @param memoryBytes hard memory limit (no swap beyond it), at least {@link #MIN_MEMORY_BYTES}
 * @param cpuShares   relative CPU weight (1024 per core), at least 2 as Docker requires
 * @param volumes     volume names; volume {@code v} is the Docker volume {@code spawnpoint_<token>_<svc>__<v>},
 *                    created if missing and mounted at {@code /srv/<v>}
 * @param network     a Docker network to join instead of the default bridge, created (bridge driver) if missing;
 *                    never a predefined one, and an existing one only if this spawnd made it; {@code null} for the
 *                    default bridge
 * @param workingDir  the working directory, normally {@link #DEFAULT_WORKING_DIR}
 * @param files       files put into the container before start (the entity among them; see ServiceBackend#createAndStart)
 * @param labels      extra labels, each under {@link Labels#NAMESPACE} and not one spawnd sets itself
 * @param hostNetwork run on the host's network stack instead of a bridge (the daemon must allow it)
 * @param devices     host device paths mapped to the same path with {@code rwm} access (the daemon must allow it)
 */
public record ContainerSpec(String serviceName, String image, List<String> command, Map<String, String> env,
                            long memoryBytes, long cpuShares, List<String> volumes, String network, String workingDir,
                            List<ContainerFile> files, Map<String, String> labels, boolean hostNetwork,
                            List<String> devices) {
    /** Docker refuses memory limits under 6 MiB. */
    public static final long MIN_MEMORY_BYTES = 6L * 1024 * 1024;
    /** The working directory of every service, as in Spawnpoint 0.2. */
    public static final String DEFAULT_WORKING_DIR = "/srv/spawnpoint";

    public ContainerSpec {
        DockerNames.requireValidServiceName("serviceName", serviceName);
        if (image == null || image.isBlank() || image.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("image '" + image + "' of service " + serviceName
                    + " is not an image name: expected a reference such as 'spawnpoint/base:latest'");
        }
        command = List.copyOf(Objects.requireNonNullElse(command, List.of()));
        env = Map.copyOf(Objects.requireNonNullElse(env, Map.of()));
        for (String key : env.keySet()) {
            if (key.isEmpty() || key.contains("=")) {
                throw new IllegalArgumentException("env key '" + key + "' of service " + serviceName
                        + " is not a variable name: expected a non-empty name without '='");
            }
        }
        if (memoryBytes < MIN_MEMORY_BYTES) {
            throw new IllegalArgumentException("memory of service " + serviceName + " is " + memoryBytes
                    + " bytes: Docker needs at least " + MIN_MEMORY_BYTES + " (6 MiB)");
        }
        if (cpuShares < 2) {
            throw new IllegalArgumentException("cpuShares of service " + serviceName + " is " + cpuShares
                    + ": expected at least 2 (1024 is one core)");
        }
        volumes = List.copyOf(Objects.requireNonNullElse(volumes, List.of()));
        for (int i = 0; i < volumes.size(); i++) {
            DockerNames.requireValidVolumeName("volumes[" + i + "]", volumes.get(i));
        }
        if (volumes.stream().distinct().count() != volumes.size()) {
            throw new IllegalArgumentException("volumes of service " + serviceName + " name a volume twice: " + volumes);
        }
        if (network != null) {
            DockerNames.requireValidNetworkName("network", network);
        }
        workingDir = Objects.requireNonNullElse(workingDir, DEFAULT_WORKING_DIR);
        if (!workingDir.startsWith("/")) {
            throw new IllegalArgumentException("workingDir '" + workingDir + "' is not an absolute path");
        }
        files = List.copyOf(Objects.requireNonNullElse(files, List.of()));
        requireOneEntity(serviceName, files, workingDir);
        labels = Map.copyOf(Objects.requireNonNullElse(labels, Map.of()));
        if (hostNetwork && network != null) {
            throw new IllegalArgumentException("service " + serviceName + " asks for the host network and network '"
                    + network + "': expected at most one of useHostNet and overlayNet");
        }
        devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
        for (int i = 0; i < devices.size(); i++) {
            String d = devices.get(i);
            if (d == null || !d.startsWith("/dev/") || d.contains("..") || d.contains(":")
                    || d.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("devices[" + i + "] '" + d + "' of service " + serviceName
                        + " is not a device path: expected a path under /dev/ such as /dev/ttyUSB0");
            }
        }
        for (String key : labels.keySet()) {
            if (!key.startsWith(Labels.NAMESPACE) || Labels.isReserved(key)) {
                throw new IllegalArgumentException("label '" + key + "' of service " + serviceName + " is not allowed: "
                        + "expected a key under '" + Labels.NAMESPACE + "' other than "
                        + List.of(Labels.MANAGED, Labels.SERVICE, Labels.INSTANCE, Labels.BUILT_BY, Labels.BUILT_FOR));
            }
        }
    }

    /** At most one file lands on the entity's path, and none below it: nothing may replace the entity. */
    private static void requireOneEntity(String serviceName, List<ContainerFile> files, String workingDir) {
        int onEntity = 0;
        for (ContainerFile f : files) {
            String p = f.absolutePath(workingDir);
            if (p.startsWith(ContainerFile.ENTITY_PATH + "/") || (p.equals(ContainerFile.ENTITY_PATH) && ++onEntity > 1)) {
                throw new IllegalArgumentException("file '" + f.path() + "' of service " + serviceName + " would "
                        + "replace the service's entity " + ContainerFile.ENTITY_PATH);
            }
        }
    }

    /** A spec without host networking or devices. */
    public ContainerSpec(String serviceName, String image, List<String> command, Map<String, String> env,
                         long memoryBytes, long cpuShares, List<String> volumes, String network, String workingDir,
                         List<ContainerFile> files, Map<String, String> labels) {
        this(serviceName, image, command, env, memoryBytes, cpuShares, volumes, network, workingDir, files, labels,
                false, List.of());
    }

    /** This spec on the host's network stack (or not) with these host devices mapped. */
    public ContainerSpec withHostAccess(boolean newHostNetwork, List<String> newDevices) {
        return new ContainerSpec(serviceName, image, command, env, memoryBytes, cpuShares, volumes, network, workingDir,
                files, labels, newHostNetwork, newDevices);
    }

    /** A spec for {@code image} with the defaults: no extra env, volumes, files or labels, default bridge network. */
    public static ContainerSpec of(String serviceName, String image, List<String> command, long memoryBytes,
                                   long cpuShares) {
        return new ContainerSpec(serviceName, image, command, Map.of(), memoryBytes, cpuShares, List.of(), null,
                DEFAULT_WORKING_DIR, List.of(), Map.of());
    }

    /** This spec with {@code files} copied in before start. */
    public ContainerSpec withFiles(List<ContainerFile> newFiles) {
        return new ContainerSpec(serviceName, image, command, env, memoryBytes, cpuShares, volumes, network, workingDir,
                newFiles, labels, hostNetwork, devices);
    }

    /** This spec with these environment variables. */
    public ContainerSpec withEnv(Map<String, String> newEnv) {
        return new ContainerSpec(serviceName, image, command, newEnv, memoryBytes, cpuShares, volumes, network,
                workingDir, files, labels, hostNetwork,
                devices);
    }

    /** This spec with these volumes. */
    public ContainerSpec withVolumes(List<String> newVolumes) {
        return new ContainerSpec(serviceName, image, command, env, memoryBytes, cpuShares, newVolumes, network,
                workingDir, files, labels, hostNetwork,
                devices);
    }

    /** This spec on network {@code newNetwork} ({@code null}: the default bridge). */
    public ContainerSpec withNetwork(String newNetwork) {
        return new ContainerSpec(serviceName, image, command, env, memoryBytes, cpuShares, volumes, newNetwork,
                workingDir, files, labels, hostNetwork,
                devices);
    }

    /** This spec with these extra labels. */
    public ContainerSpec withLabels(Map<String, String> newLabels) {
        return new ContainerSpec(serviceName, image, command, env, memoryBytes, cpuShares, volumes, network,
                workingDir, files, newLabels, hostNetwork,
                devices);
    }

    /** The environment as Docker wants it, {@code KEY=value}, sorted so that equal specs give equal requests. */
    public List<String> envList() {
        return new TreeMap<>(env).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }
}
