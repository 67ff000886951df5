package org.spawnpoint.spawnclient.model;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import org.spawnpoint.bosswave.payload.GoFormats;

/**
 * A service configuration: the YAML file given to {@code spawnctl deploy -c}, and the YAML of PO 67.0.2.0 that
 * spawnd receives on {@code slot/config} (spawnpoint-0.2.md §3.1, plus the later-0.x keys {@code zombiePeriod},
 * {@code useHostNet} and {@code devices}).
 *
 * <p>On the client, {@code entity} is the path of an entity file; on the wire it is the standard base64 of the
 * whole file ({@link #withEntity}). Memory and durations are kept as written ({@code 512M}, {@code 30s}) so that the
 * YAML sent is what the user wrote; the typed views ({@link #memAllocMiB()}, {@link #restartInterval()}) parse them.
 * Lists are never null. Instances made by {@link #parse} have every present key checked for type and format.
 *
 * @param aptRequires Debian packages; the YAML may give a list or a space-separated string
 * @param memAlloc    as written, e.g. {@code 512M}; empty when absent
 * @param restartInt  Go duration text, empty when absent (no delay)
 * @param zombiePeriod Go duration text, empty when absent (2 minutes)
 * @param sealedEntity on the wire only: the entity file sealed for the target spawnpoint ({@link SealedEntity}),
 *                     sent instead of {@code entity}; empty when absent
 * @param healthCheck  the optional probe spawnd runs against the container (issue 16); null when absent
 * @param restartPolicy how automatic restarts are spaced and when spawnd gives up (issue 16); null when absent
 *                     ({@link RestartPolicy#DEFAULTS} apply)
 */
public record ServiceConfig(String serviceName, String entity, String image, String source, List<String> aptRequires,
                            List<String> build, List<String> run, String memAlloc, long cpuShares, List<String> volumes,
                            List<String> includedFiles, List<String> includedDirs, boolean autoRestart,
                            String restartInt, String overlayNet, boolean useHostNet, String zombiePeriod,
                            List<String> devices, String sealedEntity, HealthCheck healthCheck,
                            RestartPolicy restartPolicy) {

    /** How long a dead service without autoRestart stays restartable when {@code zombiePeriod} is not given. */
    public static final Duration DEFAULT_ZOMBIE_PERIOD = Duration.ofMinutes(2);

    /** Longest service name ({@link NameRules#MAX_SERVICE_NAME}). */
    public static final int MAX_SERVICE_NAME = NameRules.MAX_SERVICE_NAME;

    /** Null texts become empty and null lists empty lists (lists are copied, unmodifiable). */
    public ServiceConfig {
        serviceName = nz(serviceName);
        entity = nz(entity);
        image = nz(image);
        source = nz(source);
        aptRequires = List.copyOf(Objects.requireNonNullElse(aptRequires, List.of()));
        build = List.copyOf(Objects.requireNonNullElse(build, List.of()));
        run = List.copyOf(Objects.requireNonNullElse(run, List.of()));
        memAlloc = nz(memAlloc);
        volumes = List.copyOf(Objects.requireNonNullElse(volumes, List.of()));
        includedFiles = List.copyOf(Objects.requireNonNullElse(includedFiles, List.of()));
        includedDirs = List.copyOf(Objects.requireNonNullElse(includedDirs, List.of()));
        restartInt = nz(restartInt);
        overlayNet = nz(overlayNet);
        zombiePeriod = nz(zombiePeriod);
        devices = List.copyOf(Objects.requireNonNullElse(devices, List.of()));
        sealedEntity = nz(sealedEntity);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** Parses and checks a YAML config; throws {@link ConfigException} naming the key and what was expected. */
    public static ServiceConfig parse(String yaml) {
        return ServiceConfigYaml.parse(yaml);
    }

    /** The YAML of PO 67.0.2.0: Go field order, empty optional keys left out, {@code aptRequires} as one string. */
    public String toYaml() {
        return ServiceConfigYaml.dump(this, true);
    }

    /** The same YAML without {@code entity} and {@code sealedEntity}: safe to show or persist where others can read it. */
    public String toYamlWithoutEntity() {
        return ServiceConfigYaml.dump(this, false);
    }

    /** A builder with no key set. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this config's values. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** This config with another {@code serviceName}. */
    public ServiceConfig withServiceName(String name) {
        return toBuilder().serviceName(name).build();
    }

    /** This config with another {@code entity} (a file path on the client, base64 on the wire). */
    public ServiceConfig withEntity(String entity) {
        return toBuilder().entity(entity).build();
    }

    /** {@code entity} set to the standard base64 of an entity file's bytes, as spawnctl sends it. */
    public ServiceConfig withEntityFile(byte[] entityFileBytes) {
        return withEntity(Base64.getEncoder().encodeToString(entityFileBytes));
    }

    /** The entity file bytes from the wire form of {@code entity} (standard base64). */
    public byte[] decodeEntity() {
        if (entity.isEmpty()) {
            throw new ConfigException("entity", "is missing: expected the base64 of an entity file");
        }
        try {
            return Base64.getDecoder().decode(entity.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("entity", "expected the standard base64 of an entity file: " + e.getMessage());
        }
    }

    /** {@code memAlloc} in MiB. */
    public long memAllocMiB() {
        try {
            return MemAlloc.parseMiB(memAlloc);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("memAlloc", e.getMessage());
        }
    }

    /** The restart policy as given, or {@link RestartPolicy#DEFAULTS} when the key is absent. */
    public RestartPolicy restartPolicyOrDefaults() {
        return restartPolicy == null ? RestartPolicy.DEFAULTS : restartPolicy;
    }

    /** Delay before an automatic restart; zero when {@code restartInt} is absent. */
    public Duration restartInterval() {
        return restartInt.isEmpty() ? Duration.ZERO : duration("restartInt", restartInt);
    }

    /** How long a dead service stays restartable; {@link #DEFAULT_ZOMBIE_PERIOD} when absent. */
    public Duration zombiePeriodDuration() {
        return zombiePeriod.isEmpty() ? DEFAULT_ZOMBIE_PERIOD : duration("zombiePeriod", zombiePeriod);
    }

    /** The git URL to clone, without any {@code git+} prefix; empty when there is no source. */
    public String sourceUrl() {
        return source.startsWith("git+") ? source.substring(4) : source;
    }

    /** {@code aptRequires} as the one space-separated string that 0.2 daemons expect. */
    public String aptRequiresText() {
        return String.join(" ", aptRequires);
    }

    /** True when the daemon must build an image: there are build steps, packages or a source to clone. */
    public boolean needsImageBuild() {
        return !build.isEmpty() || !aptRequires.isEmpty() || !source.isEmpty();
    }

    /**
     * Checks what a deploy needs, in the order of the original client (entity, memory, CPU), plus the service name.
     * {@code run} is optional, as from 0.3: without it the image's own command runs.
     */
    public ServiceConfig validateForDeploy() {
        if (!entity.isEmpty() && !sealedEntity.isEmpty()) {
            throw new ConfigException("entity", "and 'sealedEntity' are both given: expected one of them (the plain"
                    + " base64 entity of a 0.2 client, or the sealed one)");
        }
        if (entity.isEmpty() && sealedEntity.isEmpty()) {
            throw new ConfigException("entity", "is missing: must specify a Bosswave entity (the path of an entity file)");
        }
        if (memAlloc.isEmpty()) {
            throw new ConfigException("memAlloc", "is missing: must specify a memory allocation such as 512M or 4G");
        }
        memAllocMiB();
        if (cpuShares <= 0) {
            throw new ConfigException("cpuShares", "is missing: must specify CPU shares, a whole number above 0 (1024 per core)");
        }
        checkServiceName(serviceName);
        checkVolumesAndNetwork();
        if (restartPolicy != null && !autoRestart) {
            throw new ConfigException("restartPolicy", "is given but autoRestart is not true: the policy spaces"
                    + " automatic restarts, so it needs autoRestart: true (or remove restartPolicy)");
        }
        return this;
    }

    /** Volumes: valid names, none twice, at most {@link DeployLimits#MAX_VOLUMES}; overlayNet not predefined. */
    private void checkVolumesAndNetwork() {
        if (volumes.size() > DeployLimits.MAX_VOLUMES) {
            throw new ConfigException("volumes", "names " + volumes.size() + " volumes: at most "
                    + DeployLimits.MAX_VOLUMES + " are allowed (a spawnpoint may allow fewer, see its maxVolumes)");
        }
        volumes.forEach(NameRules::checkVolumeName);
        if (volumes.stream().distinct().count() != volumes.size()) {
            throw new ConfigException("volumes", "names a volume twice: " + volumes);
        }
        if (!overlayNet.isEmpty()) {
            NameRules.checkOverlayNet(overlayNet);
        }
    }

    /** Refuses names outside {@link NameRules#checkServiceName}, the one rule of client and daemon. */
    public static void checkServiceName(String name) {
        NameRules.checkServiceName(name);
    }

    static boolean isDockerName(String s) {
        return NameRules.isDockerName(s);
    }

    private static Duration duration(String field, String text) {
        try {
            Duration d = GoFormats.parseDuration(text);
            if (d.isNegative()) {
                throw new IllegalArgumentException("expected a duration that is not negative, got \"" + text + "\"");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, e.getMessage());
        }
    }

    /** Mutable builder; {@link #build()} makes the record without checks (use {@link #validateForDeploy()}). */
    public static final class Builder {
        private String serviceName = "";
        private String entity = "";
        private String image = "";
        private String source = "";
        private List<String> aptRequires = List.of();
        private List<String> build = List.of();
        private List<String> run = List.of();
        private String memAlloc = "";
        private long cpuShares;
        private List<String> volumes = List.of();
        private List<String> includedFiles = List.of();
        private List<String> includedDirs = List.of();
        private boolean autoRestart;
        private String restartInt = "";
        private String overlayNet = "";
        private boolean useHostNet;
        private String zombiePeriod = "";
        private List<String> devices = List.of();
        private String sealedEntity = "";
        private HealthCheck healthCheck;
        private RestartPolicy restartPolicy;

        private Builder() {
        }

        private Builder(ServiceConfig c) {
            serviceName = c.serviceName; entity = c.entity; image = c.image; source = c.source;
            aptRequires = c.aptRequires; build = c.build; run = c.run; memAlloc = c.memAlloc; cpuShares = c.cpuShares;
            volumes = c.volumes; includedFiles = c.includedFiles; includedDirs = c.includedDirs;
            autoRestart = c.autoRestart; restartInt = c.restartInt; overlayNet = c.overlayNet;
            useHostNet = c.useHostNet; zombiePeriod = c.zombiePeriod; devices = c.devices;
            sealedEntity = c.sealedEntity; healthCheck = c.healthCheck; restartPolicy = c.restartPolicy;
        }

        /** Sets {@code serviceName}. */
        public Builder serviceName(String v) { serviceName = v; return this; }
        /** Sets {@code entity}. */
        public Builder entity(String v) { entity = v; return this; }
        /** Sets {@code image}. */
        public Builder image(String v) { image = v; return this; }
        /** Sets {@code source}. */
        public Builder source(String v) { source = v; return this; }
        /** Sets {@code aptRequires}. */
        public Builder aptRequires(List<String> v) { aptRequires = v; return this; }
        /** Sets {@code build}. */
        public Builder build(List<String> v) { build = v; return this; }
        /** Sets {@code run}. */
        public Builder run(List<String> v) { run = v; return this; }
        /** Sets {@code memAlloc}. */
        public Builder memAlloc(String v) { memAlloc = v; return this; }
        /** Sets {@code cpuShares}. */
        public Builder cpuShares(long v) { cpuShares = v; return this; }
        /** Sets {@code volumes}. */
        public Builder volumes(List<String> v) { volumes = v; return this; }
        /** Sets {@code includedFiles}. */
        public Builder includedFiles(List<String> v) { includedFiles = v; return this; }
        /** Sets {@code includedDirs}. */
        public Builder includedDirs(List<String> v) { includedDirs = v; return this; }
        /** Sets {@code autoRestart}. */
        public Builder autoRestart(boolean v) { autoRestart = v; return this; }
        /** Sets {@code restartInt}. */
        public Builder restartInt(String v) { restartInt = v; return this; }
        /** Sets {@code overlayNet}. */
        public Builder overlayNet(String v) { overlayNet = v; return this; }
        /** Sets {@code useHostNet}. */
        public Builder useHostNet(boolean v) { useHostNet = v; return this; }
        /** Sets {@code zombiePeriod}. */
        public Builder zombiePeriod(String v) { zombiePeriod = v; return this; }
        /** Sets {@code devices}. */
        public Builder devices(List<String> v) { devices = v; return this; }
        /** Sets {@code sealedEntity}. */
        public Builder sealedEntity(String v) { sealedEntity = v; return this; }
        public Builder healthCheck(HealthCheck v) { healthCheck = v; return this; }
        public Builder restartPolicy(RestartPolicy v) { restartPolicy = v; return this; }

        /** The record with the values set (null lists become empty); nothing is checked. */
        public ServiceConfig build() {
            return new ServiceConfig(serviceName, entity, image, source, aptRequires, build, run, memAlloc, cpuShares,
                    volumes, includedFiles, includedDirs, autoRestart, restartInt, overlayNet, useHostNet, zombiePeriod,
                    devices, sealedEntity, healthCheck, restartPolicy);
        }
    }
}
