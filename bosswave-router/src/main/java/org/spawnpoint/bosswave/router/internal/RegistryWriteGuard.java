package org.spawnpoint.bosswave.router.internal;

import java.util.Arrays;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;

/**
 * Who may write the registry over the wire, and how much. The rule: the connection has set an entity ({@code sete})
 * that is registered here and valid (not expired, not revoked); each such entity gets
 * {@code registryWritesPerMinute} writes and objects of at most {@code maxRegistryObjectBytes}; an alias bound to a
 * registered entity's VK (a namespace alias) may only be made by that entity. Objects must carry valid signatures
 * (the registry checks them). Anonymous connections keep everything that writes nothing, including {@code make}
 * without registration.
 */
final class RegistryWriteGuard {
    private final ClientSession session;
    private final Registry registry;

    RegistryWriteGuard(ClientSession session) {
        this.session = session;
        this.registry = session.core.registry;
    }

    /**
     * The entity allowed to make this write of {@code bytes} bytes with command {@code command}; a clear error
     * otherwise. Takes one write from the entity's rate.
     */
    EntityKey authorize(String command, long bytes) throws BwException {
        EntityKey ek = writer(command);
        take(command, ek, bytes);
        return ek;
    }

    /** As {@link #authorize}, and an alias bound to a registered entity's VK must be made by that entity. */
    EntityKey authorizeAlias(String command, String alias, byte[] content) throws BwException {
        EntityKey ek = writer(command);
        String target = Crypto.b64(content);
        if (registry.entity(target) != null && !Arrays.equals(content, ek.entity().vk())) {
            throw refuse(BwException.ALIAS_ERROR, "'" + command + "': an alias for the registered entity " + target
                    + " (a namespace) may only be made by that entity; set its key with sete");
        }
        take(command, ek, 32L + (alias == null ? 0 : alias.length()));
        return ek;
    }

    /** The connection's entity, when it is registered and valid. */
    private EntityKey writer(String command) throws BwException {
        EntityKey ek = session.entity();
        if (ek == null) {
            throw refuse(BwException.NO_ENTITY, "'" + command + "' writes to the registry, which needs an entity "
                    + "registered on this router: set one with sete first (anonymous connections may not write)");
        }
        String vk = ek.entity().vkB64();
        Registry.State state = registry.entityState(vk, Requests.nowNs());
        if (state != Registry.State.VALID) {
            throw refuse(BwException.INVALID_ENTITY, "'" + command + "' writes to the registry, which needs a valid "
                    + "registered entity; the entity set on this connection (" + vk + ") is " + state.title()
                    + " here");
        }
        return ek;
    }

    /** Checks the size and takes one write from the entity's rate. */
    private void take(String command, EntityKey ek, long bytes) throws BwException {
        String vk = ek.entity().vkB64();
        int max = session.core.config.maxRegistryObjectBytes();
        if (bytes > max) {
            throw refuse(BwException.BAD_OPERATION, "'" + command + "': an object of " + bytes
                    + " bytes exceeds the limit of " + max + " bytes (maxRegistryObjectBytes)");
        }
        long waitMs = session.core.registryWrites.tryAcquire(vk);
        if (waitMs > 0) {
            throw refuse(BwException.BAD_OPERATION, "'" + command + "': registry write rate exceeded: at most "
                    + session.core.registryWrites.perMinute() + " writes per minute per entity "
                    + "(registryWritesPerMinute); try again in " + Math.max(1, (waitMs + 999) / 1000) + " s");
        }
    }

    private BwException refuse(int code, String reason) {
        session.core.warnings.warn("registry-write-refused", "refused a registry write from {}: {}",
                session.peer(), reason);
        return new BwException(code, reason);
    }
}
