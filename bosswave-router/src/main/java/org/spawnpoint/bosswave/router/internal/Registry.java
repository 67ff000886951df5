package org.spawnpoint.bosswave.router.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local trust registry that replaces the bw2 blockchain: entities, DOTs, chains, revocations and aliases, kept in
 * an MVStore file in the data directory ({@code registry.mv.db}) and mirrored in memory. Every write is committed (and
 * synced when configured) before the method returns, so an {@code okay} sent afterwards survives a kill -9.
 */
public final class Registry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);

    /** Validity states, as bw2 names them. */
    public enum State { VALID, EXPIRED, REVOKED, UNKNOWN;

        public String title() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }

    private final MVStore store;
    private final boolean fsync;
    private final MVMap<String, byte[]> entityMap;
    private final MVMap<String, byte[]> dotMap;
    private final MVMap<String, byte[]> chainMap;
    private final MVMap<String, byte[]> revocationMap;
    private final MVMap<String, byte[]> aliasMap;
    private final MVMap<String, byte[]> retainedMap;

    private final Map<String, Entity> entities = new ConcurrentHashMap<>();
    private final Map<String, Dot> dots = new ConcurrentHashMap<>();
    private final Map<String, List<Dot>> dotsByGiver = new ConcurrentHashMap<>();
    private final Map<String, Revocation> revokedTargets = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private volatile WriteListener writeListener;

    /** Told of every object this registry stores (after it is stored), e.g. to share it with other routers. */
    public interface WriteListener {
        void written(BusLink.RegistryKind kind, String id, byte[] value);
    }

    private Registry(MVStore store, boolean fsync) {
        this.store = store;
        this.fsync = fsync;
        entityMap = store.openMap("entities");
        dotMap = store.openMap("dots");
        chainMap = store.openMap("chains");
        revocationMap = store.openMap("revocations");
        aliasMap = store.openMap("aliases");
        retainedMap = store.openMap("retained");
    }

    /** Opens (or creates) the registry in {@code dataDir}; fails clearly when another process holds it. */
    public static Registry open(Path dataDir, boolean fsync) {
        try {
            Files.createDirectories(dataDir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("data directory " + dataDir + " cannot be created: " + e.getMessage(), e);
        }
        Path file = dataDir.resolve("registry.mv.db");
        MVStore store;
        try {
            // The background writer stays on for housekeeping (chunk compaction); durability comes from the
            // explicit commit() of every write, before the write is acknowledged.
            store = new MVStore.Builder().fileName(file.toString()).open();
            // Every acknowledged write is its own commit; let the space of superseded chunks be reused at once, or
            // the file grows by a chunk per persist (we never read old versions).
            store.setRetentionTime(0);
        } catch (MVStoreException e) {
            throw new IllegalStateException("cannot open the registry " + file + " (is another router or bw2 command "
                    + "using this data directory?): " + e.getMessage(), e);
        }
        Registry r = new Registry(store, fsync);
        r.load();
        return r;
    }

    private void load() {
        for (Map.Entry<String, byte[]> e : entityMap.entrySet()) {
            try {
                entities.put(e.getKey(), Entity.parse(e.getValue()));
            } catch (ObjectFormatException ex) {
                LOG.warn("skipping unreadable entity {} in the registry: {}", e.getKey(), ex.getMessage());
            }
        }
        for (Map.Entry<String, byte[]> e : dotMap.entrySet()) {
            try {
                indexDot(Dot.parse(e.getValue()));
            } catch (ObjectFormatException ex) {
                LOG.warn("skipping unreadable DOT {} in the registry: {}", e.getKey(), ex.getMessage());
            }
        }
        for (Map.Entry<String, byte[]> e : revocationMap.entrySet()) {
            try {
                Revocation r = Revocation.parse(e.getValue());
                revokedTargets.put(r.targetB64(), r);
            } catch (ObjectFormatException ex) {
                LOG.warn("skipping unreadable revocation {} in the registry: {}", e.getKey(), ex.getMessage());
            }
        }
        LOG.info("registry loaded: {} entities, {} DOTs, {} revocations, {} aliases, {} retained messages",
                entities.size(), dots.size(), revokedTargets.size(), aliasMap.size(), retainedMap.size());
    }

    private void indexDot(Dot d) {
        dots.put(d.hashB64(), d);
        dotsByGiver.computeIfAbsent(d.giverB64(), k -> new CopyOnWriteArrayList<>()).add(d);
    }

    /** Makes every write so far durable: committed to the file and, when configured, forced to the disk. */
    void commit() {
        store.commit();
        if (fsync) {
            store.sync();
        }
    }

    /** Changes whenever something that affects permissions changes; used to invalidate cached chains. */
    public long generation() {
        return generation.get();
    }

    // ---- writes -------------------------------------------------------------------------------------------------

    /** Stores an entity after checking its self-signature; returns its VK in b64. */
    public String putEntity(Entity e) throws BwException {
        if (!e.signatureValid()) {
            throw new BwException(BwException.INVALID_SIG, "Entity signature invalid");
        }
        String vk = e.vkB64();
        Entity known = entities.get(vk);
        if (known != null && Arrays.equals(known.encoded(), e.encoded())) {
            return vk; // nothing changes (and nothing is handed to other routers)
        }
        entityMap.put(vk, e.encoded());
        commit();
        entities.put(vk, e);
        generation.incrementAndGet();
        written(BusLink.RegistryKind.ENTITY, vk, e.encoded());
        return vk;
    }

    /** Stores a DOT after checking the giver's signature; returns its hash in b64. */
    public String putDot(Dot d) throws BwException {
        if (!d.signatureValid()) {
            throw new BwException(BwException.INVALID_DOT, "DOT signature invalid");
        }
        String h = d.hashB64();
        if (!dots.containsKey(h)) {
            dotMap.put(h, d.encoded());
            commit();
            indexDot(d);
            generation.incrementAndGet();
            written(BusLink.RegistryKind.DOT, h, d.encoded());
        }
        return h;
    }

    /** Stores an access DChain (concatenated DOT hashes); returns its hash in b64. */
    public String putChain(byte[] hashes) throws BwException {
        if (hashes.length == 0 || hashes.length % 32 != 0) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND,
                    "a DChain must be a non-empty multiple of 32 bytes, got " + hashes.length);
        }
        String h = Crypto.b64(Crypto.sha256(hashes));
        byte[] old = chainMap.put(h, hashes.clone());
        commit();
        if (old == null) {
            written(BusLink.RegistryKind.CHAIN, h, hashes.clone());
        }
        return h;
    }

    /**
     * Stores a revocation after checking that it is signed, and that its signer may revoke the target: the DOT's giver
     * or the entity itself, or one of the target's listed revokers.
     */
    public String putRevocation(Revocation r) throws BwException {
        if (!r.signatureValid()) {
            throw new BwException(BwException.INVALID_REVOCATION, "Revocation signature invalid");
        }
        String target = r.targetB64();
        byte[] signer = r.revoker();
        Dot d = dots.get(target);
        Entity e = entities.get(target);
        boolean allowed;
        if (d != null) {
            allowed = Arrays.equals(signer, d.giver()) || d.revokers().stream().anyMatch(v -> Arrays.equals(v, signer));
        } else if (e != null) {
            allowed = Arrays.equals(signer, e.vk()) || e.revokers().stream().anyMatch(v -> Arrays.equals(v, signer));
        } else {
            throw new BwException(BwException.INVALID_REVOCATION, "Revocation target " + target
                    + " is neither a known DOT nor a known entity");
        }
        if (!allowed) {
            throw new BwException(BwException.INVALID_REVOCATION, "Revocation signer " + Crypto.b64(signer)
                    + " may not revoke " + target);
        }
        String h = Crypto.b64(r.hash());
        revocationMap.put(h, r.encoded());
        commit();
        Revocation before = revokedTargets.put(target, r);
        generation.incrementAndGet();
        if (before == null || !Arrays.equals(before.encoded(), r.encoded())) {
            written(BusLink.RegistryKind.REVOCATION, h, r.encoded());
        }
        return h;
    }

    /** Binds a long alias (at most 32 bytes) to 32 bytes; 514 when it is already bound to something else. */
    public void putAlias(String alias, byte[] value) throws BwException {
        validateAlias(alias);
        if (value.length != 32) {
            throw new BwException(BwException.ALIAS_ERROR, "alias value must be 32 bytes, got " + value.length);
        }
        synchronized (aliasMap) {
            byte[] old = aliasMap.get(alias);
            if (old != null && !Arrays.equals(old, value)) {
                throw new BwException(BwException.ALIAS_EXISTS, "Alias exists: '" + alias + "' is bound to "
                        + Crypto.b64(old));
            }
            aliasMap.put(alias, value.clone());
            commit();
            if (old == null) {
                written(BusLink.RegistryKind.ALIAS, alias, value.clone());
            }
        }
    }

    /** Sets the one {@link WriteListener} (null for none). */
    public void onWrite(WriteListener l) {
        writeListener = l;
    }

    private void written(BusLink.RegistryKind kind, String id, byte[] value) {
        WriteListener l = writeListener;
        if (l != null) {
            l.written(kind, id, value);
        }
    }

    /** Every stored object, entities first, then DOTs, chains, revocations and aliases (what each may refer to). */
    public void forEachStored(WriteListener visitor) {
        Object[][] maps = {{BusLink.RegistryKind.ENTITY, entityMap}, {BusLink.RegistryKind.DOT, dotMap},
            {BusLink.RegistryKind.CHAIN, chainMap}, {BusLink.RegistryKind.REVOCATION, revocationMap},
            {BusLink.RegistryKind.ALIAS, aliasMap}};
        for (Object[] m : maps) {
            @SuppressWarnings("unchecked")
            MVMap<String, byte[]> map = (MVMap<String, byte[]>) m[1];
            for (Map.Entry<String, byte[]> e : map.entrySet()) {
                visitor.written((BusLink.RegistryKind) m[0], e.getKey(), e.getValue());
            }
        }
    }

    public static void validateAlias(String alias) throws BwException {
        int n = alias.getBytes(StandardCharsets.UTF_8).length;
        if (n == 0 || n > 32 || alias.indexOf('/') >= 0) {
            throw new BwException(BwException.ALIAS_ERROR,
                    "alias must be 1..32 bytes without '/', got '" + alias + "' (" + n + " bytes)");
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    public byte[] resolveAlias(String alias) {
        byte[] v = aliasMap.get(alias);
        return v == null ? null : v.clone();
    }

    /** Aliases whose value is {@code value}. */
    public List<String> aliasesOf(byte[] value) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : aliasMap.entrySet()) {
            if (Arrays.equals(e.getValue(), value)) {
                out.add(e.getKey());
            }
        }
        return out;
    }

    public Entity entity(String vkB64) {
        return entities.get(vkB64);
    }

    public Dot dot(String hashB64) {
        return dots.get(hashB64);
    }

    public byte[] chain(String hashB64) {
        byte[] c = chainMap.get(hashB64);
        return c == null ? null : c.clone();
    }

    public List<Dot> dotsGivenBy(String vkB64) {
        return dotsByGiver.getOrDefault(vkB64, List.of());
    }

    public List<Dot> allDots() {
        return new ArrayList<>(dots.values());
    }

    public List<Entity> allEntities() {
        return new ArrayList<>(entities.values());
    }

    public State entityState(String vkB64, long nowNs) {
        Entity e = entities.get(vkB64);
        if (e == null) {
            return State.UNKNOWN;
        }
        if (revokedTargets.containsKey(vkB64)) {
            return State.REVOKED;
        }
        return e.expiredAt(nowNs) ? State.EXPIRED : State.VALID;
    }

    /** A DOT is valid when it is unexpired, unrevoked and both its entities are valid (the receiver may be Everybody). */
    public State dotState(Dot d, long nowNs) {
        if (revokedTargets.containsKey(d.hashB64())) {
            return State.REVOKED;
        }
        if (d.expiredAt(nowNs)) {
            return State.EXPIRED;
        }
        State giver = entityState(d.giverB64(), nowNs);
        if (giver != State.VALID) {
            return giver;
        }
        if (d.receiverB64().equals(Crypto.EVERYBODY_B64)) {
            return State.VALID;
        }
        return entityState(d.receiverB64(), nowNs);
    }

    /** The retained-message map (URI → origin VK ‖ encoded message), shared with {@link RetainedStore}. */
    MVMap<String, byte[]> retainedMap() {
        return retainedMap;
    }

    @Override
    public void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }
}
