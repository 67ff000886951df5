package org.spawnpoint.spawnclient;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/**
 * Drives Spawnpoints over BOSSWAVE: discover them, look inside one, deploy, restart, stop and follow services.
 * Obtain one with {@link SpawnClients}. Spawnpoints are named by URI (their base path {@code P}); the wire format is
 * Spawnpoint 0.2's, so this works against our spawnd and an original one.
 *
 * <p>Every failure is a {@link SpawnClientException} naming the spawnpoint and, where there is one, the service.
 */
public interface SpawnClient extends AutoCloseable {

    /** A spawnpoint whose heartbeat is older than this is taken to be down. */
    java.time.Duration ALIVE_WITHIN = java.time.Duration.ofSeconds(25);

    /**
     * Every spawnpoint at or below {@code baseUri}: {@code /*} is appended unless the URI already ends in it, and
     * {@code *} matches zero or more path elements. The result is keyed by URI (in the namespace form given).
     */
    Map<String, Spawnpoint> scan(String baseUri);

    /** The spawnpoint at exactly {@code spawnpointUri}: its heartbeat, its services' heartbeats and its metadata. */
    SpawnpointDetails inspect(String spawnpointUri);

    /**
     * Deploys {@code config} (with {@code serviceName} set) to the spawnpoint at {@code spawnpointUri}: validates
     * it, reads the entity file and the included files and directories (relative paths against {@code workDir}),
     * checks that the spawnpoint is alive, subscribes to its log and publishes the config. Log messages of the
     * service go to {@code log} until the returned tail is closed.
     */
    LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log);

    /** The name of the logger that warns of a deploy sending the entity in the clear (to a 0.2 spawnpoint). */
    String PLAIN_ENTITY_LOGGER = "org.spawnpoint.spawnclient.PlainEntity";

    /**
     * As {@link #deploy(String, ServiceConfig, Path, Consumer)}, and tells {@code warnings} what the user should
     * know about a deploy that went ahead. The service's entity is sealed for the spawnpoint's key when its
     * heartbeat advertises one ({@code SealKey}); a spawnpoint without one (0.2) gets the plain base64 form, with a
     * warning (also logged at WARN on {@link #PLAIN_ENTITY_LOGGER}).
     */
    default LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log,
                           Consumer<String> warnings) {
        return deploy(spawnpointUri, config, workDir, log);
    }

    /**
     * Makes an entity of its own for {@code serviceName}, whose config names none, to be deployed to
     * {@code spawnpointUri} or another spawnpoint of its namespace with
     * {@link #deploy(String, ServiceConfig, Path, MintedEntity, Consumer, Consumer)}: registered by the router for
     * the caller and granted {@link MintedEntity#PERMISSIONS} on {@link MintedEntity#grantUriFor}. Empty when this
     * client makes none (then each deploy of such a config makes its own, or fails).
     *
     * @throws SpawnClientException if the router would not make or grant it
     */
    default java.util.Optional<MintedEntity> mintEntity(String spawnpointUri, String serviceName) {
        return java.util.Optional.empty();
    }

    /**
     * As {@link #deploy(String, ServiceConfig, Path, Consumer, Consumer)} for a config that names no entity, sending
     * {@code entity} (from {@link #mintEntity}) instead of making a new one.
     *
     * @throws UnsupportedOperationException if this client makes no entities
     */
    default LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, MintedEntity entity,
                           Consumer<LogEntry> log, Consumer<String> warnings) {
        throw new UnsupportedOperationException("this client does not deploy minted entities");
    }

    /** Asks the spawnpoint to restart a service, after subscribing to the service's log. */
    LogTail restart(String spawnpointUri, String service, Consumer<LogEntry> log);

    /** Asks the spawnpoint to stop a service, after subscribing to the service's log. */
    LogTail stop(String spawnpointUri, String service, Consumer<LogEntry> log);

    /** Follows a service's log. */
    LogTail tail(String spawnpointUri, String service, Consumer<LogEntry> log);

    /**
     * Past container output of a service since {@code since} (spawnd 0.5's {@code slot/logs}): lines are handed to
     * {@code lines} in order, and the call returns when the spawnpoint marks the end.
     */
    void logs(String spawnpointUri, String service, Instant since, Consumer<String> lines);

    /**
     * Every spawnpoint and every service at or below {@code baseUri} ({@code /*} appended as for {@link #scan}), from
     * their retained heartbeats: two queries sent together, and the answer as soon as both are in. Stale ones are
     * included; {@link Fleet#liveServices} leaves them out.
     */
    Fleet fleet(String baseUri);

    /**
     * Follows the log of every service whose name matches {@code servicePattern} on every spawnpoint whose URI
     * matches {@code spawnpointPattern} ({@link org.spawnpoint.spawnclient.model.UriGlob} rules), including
     * spawnpoints and services that appear later. With {@code since} (else null), each matching service that has a
     * heartbeat now first gets its output since then replayed (spawnd 0.5's {@code slot/logs}), service by service,
     * before the live messages; this call returns once that history is handed over. A line written while the history
     * is fetched may come twice (in the history and live); none is lost. {@code warnings} hears of services whose
     * history could not be had.
     *
     * @throws IllegalArgumentException when a pattern breaks the rules, saying which
     */
    LogTail tailMatching(String spawnpointPattern, String servicePattern, Instant since, Consumer<FleetLogEntry> log,
                         Consumer<String> warnings);

    /**
     * Deploys to one of the spawnpoints {@code request} allows, chosen by free capacity, moving on when one refuses;
     * see {@link PlacementRequest}. Log messages of the service (from every spawnpoint tried) go to {@code log}.
     * Returns once a spawnpoint has admitted the service; its {@link LogTail#outcome()} then says whether it started.
     *
     * @throws PlacementException when no spawnpoint took it, listing each one's refusal
     */
    default Placement deploy(PlacementRequest request, Consumer<LogEntry> log, Consumer<String> warnings) {
        return Placer.place(this, request, log, warnings);
    }

    /** Closes the BOSSWAVE connection if this client opened it; a connection passed in is left open. */
    @Override
    void close();
}
