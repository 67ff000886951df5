package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.spawnclient.model.DeployLimits;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.SealKeyPair;
import org.spawnpoint.spawnclient.model.SealedEntity;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnd.backend.ContainerFile;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ImageSpec;

/**
 * A checked deploy request: the service config turned into what the backend needs. Building one validates
 * everything a deploy can get wrong, so that a bad request fails before any resource is reserved.
 */
public record Deployment(ServiceConfig config, String configYaml, String includedTar, ImageSpec imageSpec,
                         ContainerSpec containerTemplate, long memMiB, long cpuShares, Duration restartInterval,
                         Duration zombiePeriod) {

    /**
     * What the daemon allows and adds; see {@code DaemonConfig}.
     *
     * @param limits         what one service may ask
     * @param spawnpointPath the daemon's base path, bound into sealed entities
     * @param sealKeys       opens {@code sealedEntity}; null when this daemon takes only the plain {@code entity}
     */
    public record Policy(String alias, String containerRouter, boolean allowHostNet, boolean allowDeviceMappings,
                         Limits limits, String spawnpointPath, SealKeyPair sealKeys) {
        /** A policy with the default {@link Limits} and no seal key. */
        public Policy(String alias, String containerRouter, boolean allowHostNet, boolean allowDeviceMappings) {
            this(alias, containerRouter, allowHostNet, allowDeviceMappings, Limits.DEFAULTS, "", null);
        }

        /** A policy with these limits and no seal key. */
        public Policy(String alias, String containerRouter, boolean allowHostNet, boolean allowDeviceMappings,
                      Limits limits) {
            this(alias, containerRouter, allowHostNet, allowDeviceMappings, limits, "", null);
        }

        /** A policy with the default {@link Limits} that opens sealed entities with {@code sealKeys}. */
        public Policy(String alias, String containerRouter, boolean allowHostNet, boolean allowDeviceMappings,
                      String spawnpointPath, SealKeyPair sealKeys) {
            this(alias, containerRouter, allowHostNet, allowDeviceMappings, Limits.DEFAULTS, spawnpointPath, sealKeys);
        }

        /** This policy, opening sealed entities for the spawnpoint at {@code path} with {@code keys}. */
        public Policy withSealKeys(String path, SealKeyPair keys) {
            return new Policy(alias, containerRouter, allowHostNet, allowDeviceMappings, limits, path, keys);
        }
    }

    /**
     * What one service may ask (daemon config keys {@code maxVolumes}, {@code maxIncludedFiles},
     * {@code maxIncludedSize}).
     *
     * @param maxVolumes       most volumes per service
     * @param maxIncludedFiles most files and directories in the include archive
     * @param maxIncludedBytes largest include archive, in bytes
     */
    public record Limits(int maxVolumes, int maxIncludedFiles, long maxIncludedBytes) {
        /** {@link DeployLimits}' defaults: 16 volumes, 1,000 included entries, 32 MiB. */
        public static final Limits DEFAULTS = new Limits(DeployLimits.DEFAULT_MAX_VOLUMES,
                DeployLimits.DEFAULT_MAX_INCLUDED_FILES, DeployLimits.DEFAULT_MAX_INCLUDED_BYTES);
    }

    /** A deploy request that cannot be carried out; the message is what the user sees after {@code [FAILURE]}. */
    public static final class InvalidDeploymentException extends Exception {
        /** @param message what the user sees after {@code [FAILURE]} */
        public InvalidDeploymentException(String message) {
            super(message);
        }
    }

    /**
     * Checks {@code configYaml} (the 67.0.2.0 PO) and the optional base64 tar of included files.
     *
     * @throws InvalidDeploymentException naming the field at fault
     */
    public static Deployment plan(String configYaml, String includedTar, Policy policy)
            throws InvalidDeploymentException {
        ServiceConfig config;
        try {
            config = ServiceConfig.parse(configYaml);
            config.validateForDeploy();
        } catch (ConfigException e) {
            throw new InvalidDeploymentException(e.getMessage());
        }
        if (includedTar != null && includedTar.length() / 4L * 3 > policy.limits().maxIncludedBytes() + 1024) {
            // Checked on the text before anything is decoded or opened (a sealed archive is 16 bytes longer).
            throw new InvalidDeploymentException("Invalid service config: the included files archive is about "
                    + includedTar.length() / 4L * 3 + " bytes: spawnpoint " + policy.alias() + " allows at most "
                    + policy.limits().maxIncludedBytes() + " (daemon config key maxIncludedSize)");
        }
        try {
            byte[][] opened = entityAndTar(config, includedTar, policy);
            byte[] entity = opened[0];
            if (entity.length < 2) {
                throw new InvalidDeploymentException("Invalid service config: 'entity' is too short to be an entity file");
            }
            long mem = config.memAllocMiB();
            Duration restart = config.restartInterval();
            Duration zombie = config.zombiePeriodDuration();
            if (config.useHostNet() && !policy.allowHostNet()) {
                throw new InvalidDeploymentException("Spawnpoint " + policy.alias()
                        + " does not allow use of host network stack");
            }
            if (!config.devices().isEmpty() && !policy.allowDeviceMappings()) {
                throw new InvalidDeploymentException("Spawnpoint " + policy.alias()
                        + " does not allow host devices to be mapped into containers");
            }
            if (config.volumes().size() > policy.limits().maxVolumes()) {
                throw new InvalidDeploymentException("Invalid service config: 'volumes' names " + config.volumes().size()
                        + " volumes: spawnpoint " + policy.alias() + " allows at most " + policy.limits().maxVolumes()
                        + " per service (daemon config key maxVolumes)");
            }
            List<ContainerFile> included = includedFiles(includedTar, opened[1], policy);
            boolean build = config.needsImageBuild();
            String base = config.image().isEmpty() ? ImageSpec.DEFAULT_BASE_IMAGE : config.image();
            ImageSpec imageSpec = new ImageSpec(base, config.aptRequires(), config.source().isEmpty() ? null
                    : config.source(), config.build(), build ? included : List.of(), null);
            Map<String, String> env = new LinkedHashMap<>();
            env.put("BW2_DEFAULT_ENTITY", ContainerFile.ENTITY_PATH);
            if (policy.containerRouter() != null && !policy.containerRouter().isBlank()) {
                env.put("BW2_AGENT", policy.containerRouter());
            }
            List<ContainerFile> files = new ArrayList<>();
            files.add(ContainerFile.entity(entity));
            if (!build) {
                files.addAll(included);
            }
            ContainerSpec template = new ContainerSpec(config.serviceName(), base, config.run(), env, mem << 20,
                    config.cpuShares(), config.volumes(), config.overlayNet().isEmpty() ? null : config.overlayNet(),
                    ContainerSpec.DEFAULT_WORKING_DIR, files, Map.of(), config.useHostNet(), config.devices());
            return new Deployment(config, configYaml, includedTar, imageSpec, template, mem, config.cpuShares(), restart,
                    zombie);
        } catch (ConfigException e) {
            throw new InvalidDeploymentException(e.getMessage());
        } catch (IllegalArgumentException e) {
            // The backend records and the tar reader say which field or file is wrong.
            throw new InvalidDeploymentException("Invalid service config: " + e.getMessage());
        }
    }

    /**
     * The included files of a deploy, checked again here (a client may be hostile): the archive's size before it is
     * decoded, its number of entries, and that none lands on the entity. File modes are kept.
     */
    private static List<ContainerFile> includedFiles(String includedTar, byte[] openedTar, Policy policy)
            throws InvalidDeploymentException {
        List<ContainerFile> included = new ArrayList<>();
        if (includedTar == null) {
            return included;
        }
        Limits limits = policy.limits();
        long decodedBytes = openedTar != null ? openedTar.length : includedTar.length() / 4L * 3;
        if (decodedBytes > limits.maxIncludedBytes() + 3) {
            throw new InvalidDeploymentException("Invalid service config: the included files archive is about "
                    + decodedBytes + " bytes: spawnpoint " + policy.alias() + " allows at most "
                    + limits.maxIncludedBytes() + " (daemon config key maxIncludedSize)");
        }
        List<IncludedFiles.Entry> entries = openedTar != null ? IncludedFiles.read(openedTar)
                : IncludedFiles.fromBase64(includedTar);
        if (entries.size() > limits.maxIncludedFiles()) {
            throw new InvalidDeploymentException("Invalid service config: the included files archive holds "
                    + entries.size() + " files and directories: spawnpoint " + policy.alias() + " allows at most "
                    + limits.maxIncludedFiles() + " (daemon config key maxIncludedFiles)");
        }
        for (IncludedFiles.Entry e : entries) {
            IncludedFiles.requireNotEntity(e.directory() ? "includedDirs" : "includedFiles", e.name());
            if (!e.directory()) {
                included.add(new ContainerFile(e.name(), e.content(), e.mode() & 0777));
            }
        }
        return included;
    }

    /**
     * The plain {@code entity} (base64) of a 0.2 client, or the opened {@code sealedEntity}; and, with the latter,
     * the include tar opened from the String PO (sealed with it). Plain forms give a null tar (read as base64).
     */
    private static byte[][] entityAndTar(ServiceConfig config, String includedTar, Policy policy)
            throws InvalidDeploymentException {
        if (config.sealedEntity().isEmpty()) {
            return new byte[][] {config.decodeEntity(), null};
        }
        if (policy.sealKeys() == null) {
            throw new InvalidDeploymentException("Invalid service config: 'sealedEntity' cannot be opened: spawnpoint "
                    + policy.alias() + " has no seal key");
        }
        byte[] sealedTar = null;
        if (includedTar != null) {
            try {
                sealedTar = java.util.Base64.getDecoder().decode(includedTar.replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidDeploymentException("Invalid service config: the included files (String PO 64.0.1.0)"
                        + " are not base64: " + e.getMessage());
            }
        }
        SealedEntity.Opened o = SealedEntity.open(config.sealedEntity(), policy.sealKeys(), policy.spawnpointPath(),
                config.serviceName(), sealedTar);
        return new byte[][] {o.entity(), o.includes()};
    }

    /** The service's name, from its config. */
    public String serviceName() {
        return config.serviceName();
    }

    /** The container spec for the prepared image. */
    public ContainerSpec containerSpec(String image) {
        ContainerSpec t = containerTemplate;
        return new ContainerSpec(t.serviceName(), image, t.command(), t.env(), t.memoryBytes(), t.cpuShares(),
                t.volumes(), t.network(), t.workingDir(), t.files(), t.labels(), t.hostNetwork(), t.devices());
    }
}
