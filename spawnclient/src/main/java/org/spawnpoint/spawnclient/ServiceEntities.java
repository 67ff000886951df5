package org.spawnpoint.spawnclient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.CreatedEntity;
import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.SealedEntity;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/**
 * The service's entity in a deploy (split out of {@link BosswaveSpawnClient}): read from the file the config names,
 * or made by the router for a config that names none; and the form the config takes on the wire, sealed for the
 * spawnpoint's key or, for a 0.2 spawnpoint, plain with a warning.
 */
final class ServiceEntities {
    /** Stands for the entity a config without one gets, while the rest of the config is checked. */
    private static final String MINTED = "minted";
    /** The client's logger, as before the split (its name is what users configure). */
    private static final Logger log = LoggerFactory.getLogger(BosswaveSpawnClient.class);
    /** Its own logger, so that spawnctl, which prints the warning itself, can quieten this one. */
    private static final Logger plainEntityLog = LoggerFactory.getLogger(SpawnClient.PLAIN_ENTITY_LOGGER);

    private ServiceEntities() {
    }

    /** The config and include tar as they are published: the entity sealed (with the tar) or plain. */
    record Wire(ServiceConfig config, byte[] includes) {
    }

    /**
     * Checks {@code config} for a deploy and reads the entity file it names (relative to {@code workDir}); null when
     * it names none, so that one is made for it.
     *
     * @throws ConfigException naming the field at fault
     */
    static byte[] checkedEntity(ServiceConfig config, Path workDir) throws ConfigException {
        if (!config.sealedEntity().isEmpty()) {
            throw new ConfigException("sealedEntity", "is made by the client when it deploys: give 'entity', the"
                    + " path of an entity file, instead");
        }
        boolean mint = config.entity().isEmpty();
        (mint ? config.toBuilder().entity(MINTED).build() : config).validateForDeploy();
        if (mint) {
            return null;
        }
        Path entityPath = BosswaveSpawnClient.resolve(workDir, config.entity());
        try {
            return Files.readAllBytes(entityPath);
        } catch (IOException e) {
            throw new ConfigException("entity", "expected a readable entity file, could not read " + entityPath
                    + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * An entity of its own for a service whose config names none: made and registered by the router for the caller
     * (who must be registered there), and granted {@code PC*} on {@code <namespace>/services/*} only, by the caller. It
     * goes to the spawnpoint sealed (or plain, to a 0.2 one) and is written nowhere on this machine.
     */
    static MintedEntity mint(BosswaveClient bw, String uri, String name, String what) {
        String grant = MintedEntity.grantUriFor(uri);
        String perms = MintedEntity.PERMISSIONS;
        try {
            CreatedEntity made = bw.createEntity(CreateEntityParams.of(null, "service " + name + " on " + uri));
            bw.createDot(CreateDotParams.access(made.vk(), grant, perms));
            log.info("Made entity {} for service {}, granted {} on {}", made.vk(), name, perms, grant);
            return new MintedEntity(made.vk(), made.keyFileBytes(), grant);
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, name, what + "the config names no 'entity', and making one for the "
                    + "service (" + perms + " on " + grant + ") failed: " + e.getMessage() + "; give "
                    + "'entity: FILE' in the config, or deploy as an entity registered on the router that holds "
                    + perms + " on " + grant + " with a TTL above 0", e);
        }
    }

    /**
     * {@code config} with {@code entity} in the form the spawnpoint whose heartbeat is {@code hb} takes: sealed for
     * its {@code SealKey} (the include tar too, it may hold secrets: see SealedEntity), or plain for one without a
     * seal key (0.2), with a warning to {@code warnings} and {@link SpawnClient#PLAIN_ENTITY_LOGGER}.
     */
    static Wire wireForm(DaemonHeartbeat hb, String uri, ServiceConfig config, byte[] entity, byte[] tar,
                         Consumer<String> warnings) {
        String name = config.serviceName();
        if (hb.acceptsSealed()) {
            SealedEntity.Sealed sealed = SealedEntity.seal(hb.sealKey(), uri, name, entity, tar);
            return new Wire(config.toBuilder().entity("").sealedEntity(sealed.sealedEntity()).build(),
                    sealed.sealedIncludes());
        }
        String warning = plainEntityWarning(uri, name);
        plainEntityLog.warn(warning);
        warnings.accept(warning);
        return new Wire(config.withEntityFile(entity), tar);
    }

    /** What a deploy to a spawnpoint without {@code SealKey} in its heartbeat (a 0.2 one) warns. */
    static String plainEntityWarning(String uri, String service) {
        return "spawnpoint " + uri + " does not advertise a seal key (SealKey) in its heartbeat, so it takes only the"
                + " plain form: the private entity of " + service + " travels in the clear on " + uri
                + "/.../slot/config, readable by every entity allowed to consume there. Upgrade that spawnd to seal it.";
    }
}
