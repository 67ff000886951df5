package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.ContainerHardening;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ContainerStartException;
import org.spawnpoint.spawnd.backend.DockerNames;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * The volumes and networks a container needs, and the host settings every container gets. Volumes are named per
 * instance and service ({@link DockerNames#volumeName}); a network is joined only if this spawnd created it (it
 * carries this instance's label), so a service cannot name the host's network, another spawnpoint's or one made by
 * hand.
 */
final class DockerResources {
    private static final Logger LOG = LoggerFactory.getLogger(DockerResources.class);

    private final DockerClient docker;
    private final String instanceId;
    private final DockerNames names;
    private final ContainerHardening hardening;

    DockerResources(DockerClient docker, String instanceId, DockerNames names, ContainerHardening hardening) {
        this.docker = docker;
        this.instanceId = instanceId;
        this.names = names;
        this.hardening = hardening;
    }

    /** Limits, mounts, network and hardening of {@code spec}'s container; creates missing volumes and network. */
    HostConfig hostConfig(ContainerSpec spec) {
        HostConfig host = HostConfig.newHostConfig()
                .withMemory(spec.memoryBytes())
                .withMemorySwap(spec.memoryBytes())
                .withCpuShares((int) Math.min(spec.cpuShares(), Integer.MAX_VALUE))
                .withMounts(ensureVolumes(spec))
                .withLogConfig(new LogConfig(LogConfig.LoggingType.JSON_FILE, Map.of(
                        "max-size", hardening.logMaxSize(), "max-file", Integer.toString(hardening.logMaxFiles()))));
        if (hardening.noNewPrivileges()) {
            host.withSecurityOpts(List.of("no-new-privileges:true"));
        }
        if (hardening.pidsLimit() > 0) {
            host.withPidsLimit(hardening.pidsLimit());
        }
        if (spec.network() != null) {
            ensureNetwork(spec.network(), spec.serviceName());
            host.withNetworkMode(spec.network());
        } else if (spec.hostNetwork()) {
            host.withNetworkMode("host");
        }
        return host;
    }

    private List<Mount> ensureVolumes(ContainerSpec spec) {
        List<Mount> mounts = new ArrayList<>();
        for (String volume : spec.volumes()) {
            String dockerName = names.volumeName(spec.serviceName(), volume);
            try {
                docker.inspectVolumeCmd(dockerName).exec();
            } catch (NotFoundException e) {
                String legacy = legacyVolume(spec.serviceName(), volume);
                if (legacy != null) {
                    dockerName = legacy;
                } else {
                    docker.createVolumeCmd().withName(dockerName)
                            .withLabels(Labels.owned(instanceId, spec.serviceName())).exec();
                }
            }
            mounts.add(new Mount().withType(MountType.VOLUME).withSource(dockerName).withTarget("/srv/" + volume));
        }
        return mounts;
    }

    /**
     * The volume {@code <svc>.<vol>} of the earlier naming, if this spawnd made it for this very service (its labels
     * say so), so that a service keeps its data across the change of names; else null. The labels settle the
     * ambiguity of the old name: another service's volume of the same name is never used.
     */
    private String legacyVolume(String serviceName, String volume) {
        String legacy = serviceName + "." + volume;
        try {
            Map<String, String> labels = Objects.requireNonNullElse(
                    docker.inspectVolumeCmd(legacy).exec().getLabels(), Map.of());
            return labels.equals(Labels.owned(instanceId, serviceName)) ? legacy : null;
        } catch (NotFoundException e) {
            return null;
        }
    }

    /** Creates {@code network} if missing; refuses one of that name that this spawnd did not create. */
    private void ensureNetwork(String network, String serviceName) {
        Network existing = find(network);
        if (existing == null) {
            try {
                docker.createNetworkCmd().withName(network).withDriver("bridge")
                        .withLabels(Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instanceId)).exec();
                LOG.info("Created network {} for service {}", network, serviceName);
                return;
            } catch (ConflictException raced) {
                existing = find(network); // another deploy created it meanwhile: check whose it is
            }
        }
        Map<String, String> labels = existing == null ? Map.of()
                : Objects.requireNonNullElse(existing.getLabels(), Map.of());
        if (!"true".equals(labels.get(Labels.MANAGED)) || !instanceId.equals(labels.get(Labels.INSTANCE))) {
            throw new ContainerStartException("'overlayNet' names the existing Docker network '" + network
                    + "', which this spawnpoint did not create (it lacks the label " + Labels.INSTANCE + "="
                    + instanceId + "): expected the name of a network that spawnd creates and owns, or no overlayNet "
                    + "for the default bridge", null, null);
        }
    }

    /** The network named exactly {@code network} (the engine also matches id prefixes, which must not count). */
    private Network find(String network) {
        try {
            Network n = docker.inspectNetworkCmd().withNetworkId(network).exec();
            return n.getName().equals(network) || n.getId().equals(network) ? n : null;
        } catch (NotFoundException e) {
            return null;
        }
    }
}
