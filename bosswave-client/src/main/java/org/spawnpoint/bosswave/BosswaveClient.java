package org.spawnpoint.bosswave;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.spawnpoint.bosswave.payload.MetadataTuple;

/**
 * A connection to a BOSSWAVE agent over the OOB protocol. Obtain one with {@link Bosswave#connect(ClientOptions)}.
 *
 * <p>Blocking methods wait for the agent's reply and throw {@link RouterErrorException} ({@code [code] reason}) or
 * {@link ConnectionClosedException}. Handlers run on the options' callback executor, never on the reader thread,
 * and each subscription's messages are delivered in order.
 */
public interface BosswaveClient extends AutoCloseable {

    /** The agent's {@code version} from its {@code helo} frame, e.g. {@code 2.8.0 'Lepton'}. */
    String agentVersion();

    /** Sets this connection's entity from SK ‖ entity (a key file minus its first byte); returns the VK (b64). */
    String setEntity(byte[] keyBlob);

    /** Sets the entity from a key file as {@code bw2 mke} writes it (first byte dropped); returns the VK. */
    String setEntityFile(Path keyFile);

    /** Sets the entity from the file named by {@code $BW2_DEFAULT_ENTITY}; returns the VK. */
    String setEntityFromEnvironment();

    /** The VK set by the last successful set-entity call, or null. */
    String entityVk();

    /** Publishes (or persists) and waits until the agent accepted it; a refusal throws {@link RouterErrorException}. */
    void publish(PublishParams params);

    /** Publishes without waiting; the future completes when the agent accepted it. */
    CompletableFuture<Void> publishAsync(PublishParams params);

    /** Subscribes; messages go to {@code handler} in order until the subscription ends or is closed. */
    Subscription subscribe(SubscribeParams params, MessageHandler handler);

    /** Every retained message matching the pattern. */
    List<Message> query(QueryParams params);

    /** Queries without waiting; the future completes with every persisted message. */
    CompletableFuture<List<Message>> queryAsync(QueryParams params);

    /** The first retained message matching the pattern, if any. */
    Optional<Message> queryOne(QueryParams params);

    /** Full URIs of the immediate children of {@code params.uri()} that hold retained messages below them. */
    List<String> list(ListParams params);

    /** Makes an entity (the agent signs it) and registers it; the connection's entity must be registered. */
    CreatedEntity createEntity(CreateEntityParams params);

    /** Makes a DOT from the connection's entity and registers it. */
    CreatedDot createDot(CreateDotParams params);

    /** Chains granting {@code permissions} on {@code uri} to {@code toVk}, shortest first. */
    List<Chain> buildChain(String uri, String permissions, String toVk);

    /** Persists PO 2.0.3.1 {@code {val, ts=now}} to {@code uri/!meta/key}. */
    void setMetadata(String uri, String key, String value);

    /** Persists an empty message at {@code uri/!meta/key}, which is how BOSSWAVE deletes metadata. */
    void deleteMetadata(String uri, String key);

    /** Metadata of {@code uri} merged over every prefix, deeper prefixes winning. */
    Map<String, MetadataTuple> getMetadata(String uri);

    /** One metadata key, the deepest prefix winning. */
    Optional<MetadataTuple> getMetadataKey(String uri, String key);

    /** Registers {@code baseUri/name} and starts its periodic {@code lastalive} metadata (after 1 s, then every 10 s). */
    Service registerService(String baseUri, String name);

    /**
     * Binds the long alias {@code alias} to {@code vkB64} in the router's registry ({@code mkla}); the connection's
     * entity must be registered there (the router refuses registry writes from anonymous connections).
     *
     * @throws RouterErrorException when the router refuses it
     */
    void createLongAlias(String alias, String vkB64);

    /**
     * Revokes the DOT with hash {@code dotHashB64} ({@code revk}), signed by the connection's entity, which must be
     * the DOT's giver or a revoker named by it.
     *
     * @param comment free text stored in the revocation, or null
     * @return the revocation's b64 hash
     * @throws RouterErrorException when the router refuses it
     */
    String revokeDot(String dotHashB64, String comment);

    /**
     * Revokes the entity {@code vkB64} ({@code revk}), signed by the connection's entity, which must be that entity
     * or one of its revokers.
     *
     * @param comment free text stored in the revocation, or null
     * @return the revocation's b64 hash
     * @throws RouterErrorException when the router refuses it
     */
    String revokeEntity(String vkB64, String comment);

    /** Tells {@code listener} when the connection is lost, made again or closed. */
    void addConnectionListener(ConnectionListener listener);

    /** Closes the socket; pending requests fail and subscriptions end with {@link ConnectionClosedException}. */
    @Override
    void close();
}
