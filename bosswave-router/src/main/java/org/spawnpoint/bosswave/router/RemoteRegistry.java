package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The registry of a running router, reached over the OOB protocol: what {@code bw2 mkentity|mkdot|mkalias|revoke
 * --agent HOST:PORT} uses. The router has no client of its own (issue 13: the bus does not depend on its client), so
 * the implementation lives above both, in bosswave-tools, and is handed to {@link RouterMain#run}. Every call opens a
 * connection as the entity of {@code keyFile}, makes one registry write and closes it.
 */
public interface RemoteRegistry {

    /** What was made: its id (a b64 VK or DOT hash) and its bytes (the key file, or the DOT without its type byte). */
    record Created(String id, byte[] bytes) {
    }

    /**
     * Makes and registers an entity ({@code make}), signed and registered by the entity of {@code keyFile}.
     *
     * @param expiry the entity's lifetime, or null for none
     * @return its VK and its key file's bytes (0x32 ‖ signing key ‖ entity)
     */
    Created createEntity(String agent, Path keyFile, Duration expiry, String contact, String comment) throws Exception;

    /**
     * Makes and registers an access DOT ({@code makd}) from the entity of {@code keyFile} to {@code toVkB64}.
     *
     * @param expiry the DOT's lifetime, or null for none
     * @return its hash and its bytes
     */
    Created createDot(String agent, Path keyFile, String toVkB64, int ttl, Duration expiry, String uri,
                      String permissions) throws Exception;

    /** Binds {@code alias} to {@code vkB64} ({@code mkla}) as the entity of {@code keyFile}. */
    void createLongAlias(String agent, Path keyFile, String alias, String vkB64) throws Exception;

    /**
     * Revokes a DOT (by hash) or an entity (by VK) ({@code revk}), signed by the entity of {@code keyFile}.
     *
     * @param dot true for a DOT hash, false for an entity VK
     * @param comment free text stored in the revocation, or null
     * @return the revocation's hash
     */
    String revoke(String agent, Path keyFile, boolean dot, String targetB64, String comment) throws Exception;

    /** No OOB registry: {@code --agent} is refused with what to run instead (the router used on its own). */
    RemoteRegistry NONE = new RemoteRegistry() {
        private Created refuse() {
            throw new IllegalArgumentException("--agent needs the bw2 of bosswave-tools (bin/bw2); this router-only "
                    + "command line takes --data DIR with the router stopped");
        }

        @Override
        public Created createEntity(String agent, Path keyFile, Duration expiry, String contact, String comment) {
            return refuse();
        }

        @Override
        public Created createDot(String agent, Path keyFile, String toVkB64, int ttl, Duration expiry, String uri,
                                 String permissions) {
            return refuse();
        }

        @Override
        public void createLongAlias(String agent, Path keyFile, String alias, String vkB64) {
            refuse();
        }

        @Override
        public String revoke(String agent, Path keyFile, boolean dot, String targetB64, String comment) {
            refuse();
            return null;
        }
    };
}
