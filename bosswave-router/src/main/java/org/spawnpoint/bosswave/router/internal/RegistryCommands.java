package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Entity/DOT creation and the local registry commands (bosswave-oob.md §2.3), which stand in for the blockchain:
 * {@code make makd revk bldc pute putd putc prvk rsro mksa mkla resa bcip}. Objects made here are also stored in the
 * registry, so that a DOT made with {@code makd} takes effect without a separate {@code putd}.
 */
final class RegistryCommands {
    private final ClientSession session;
    private final Registry registry;
    private final RegistryWriteGuard guard;
    private volatile long maxAgeSeconds = 120;

    RegistryCommands(ClientSession session) {
        this.session = session;
        this.registry = session.core.registry;
        this.guard = new RegistryWriteGuard(session);
    }

    /** Handles {@code f} if it is one of ours; false for anything else. */
    boolean handle(Frame f) throws BwException {
        switch (f.command()) {
            case Commands.MAKE_ENTITY -> makeEntity(f);
            case Commands.MAKE_DOT -> makeDot(f);
            case Commands.MAKE_REVOCATION -> makeRevocation(f);
            case Commands.BUILD_CHAIN -> buildChain(f);
            case Commands.PUT_ENTITY -> putEntity(f);
            case Commands.PUT_DOT -> putDot(f);
            case Commands.PUT_CHAIN -> putChain(f);
            case Commands.PUT_REVOCATION -> putRevocation(f);
            case Commands.RESOLVE_REGISTRY -> resolve(f);
            case Commands.MAKE_LONG_ALIAS -> makeLongAlias(f);
            case Commands.MAKE_SHORT_ALIAS -> makeShortAlias(f);
            case Commands.RESOLVE_ALIAS -> resolveAlias(f);
            case Commands.BC_PARAMS -> bcParams(f);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** SK ‖ entity, checked the way {@code sete} does (bw2 codes and texts). */
    static EntityKey parseKey(byte[] blob) throws BwException {
        if (blob.length < 32 + 32 + 1 + 64) {
            throw new BwException(BwException.BAD_OPERATION, "keyfile too short");
        }
        Entity e;
        try {
            e = Entity.parse(Arrays.copyOfRange(blob, 32, blob.length));
        } catch (ObjectFormatException ex) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected ROEntityWKey: " + ex.getMessage());
        }
        byte[] seed = Arrays.copyOf(blob, 32);
        if (!Arrays.equals(Crypto.publicKey(seed), e.vk())) {
            throw new BwException(BwException.INVALID_ENTITY, "Entity keypair mismatch");
        }
        if (!e.signatureValid()) {
            throw new BwException(BwException.INVALID_SIG, "Entity signature invalid");
        }
        return new EntityKey(seed, e);
    }

    private static List<byte[]> revokers(Frame f) throws BwException {
        List<byte[]> out = new ArrayList<>();
        for (String r : f.kvAll("revoker")) {
            byte[] vk = Crypto.unb64Key(r);
            if (vk == null) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "kv 'revoker' must be a 44-character b64 VK, got '" + r + "'");
            }
            out.add(vk);
        }
        return out;
    }

    private static String text(Frame f, String key) throws BwException {
        String v = f.kv(key);
        if (v != null && v.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "kv '" + key + "' is longer than 255 bytes");
        }
        return v;
    }

    private void makeEntity(Frame f) throws BwException {
        Long created = Frame.parseBool(f.kv("omitcreationdate"), false) ? null : Requests.nowNs();
        byte[] seed = Crypto.newSeed();
        Entity e = Entity.create(seed, created, Requests.expiry(f), revokers(f), text(f, "contact"), text(f, "comment"));
        // Registered only for a connection whose entity may write the registry; anyone may make an entity (a key
        // pair and its self-signature) without registering it.
        if (session.entity() != null) {
            guard.authorize(f.command(), e.encoded().length);
            registry.putEntity(e);
        }
        EntityKey key = new EntityKey(seed, e);
        session.send(Replies.okay(f.seqNo(), true).kv("vk", e.vkB64())
                .po(new PayloadObject(RoutingObject.ENTITY_WITH_KEY, key.blob())).build());
    }

    private void makeDot(Frame f) throws BwException {
        EntityKey ek = session.requireEntity();
        byte[] to = Requests.vkKv(f, "to", true);
        if (Frame.parseBool(f.kv("ispermission"), false)) {
            throw new BwException(BwException.INVALID_OOB_COMMAND, "Application DOTs are not implemented");
        }
        int ttl = 0;
        if (f.kv("ttl") != null) {
            try {
                ttl = Integer.parseInt(f.kv("ttl"));
            } catch (NumberFormatException e) {
                ttl = -1;
            }
            if (ttl < 0 || ttl > 255) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "kv 'ttl' must be 0..255, got '" + f.kv("ttl") + "'");
            }
        }
        if (f.kv("uri") == null) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "missing kv 'uri' (namespace/suffix the DOT grants on)");
        }
        Requests.Target t = Requests.target(f, registry);
        String permText = f.kv("accesspermissions");
        int perms;
        try {
            perms = Permissions.parse(permText);
        } catch (IllegalArgumentException e) {
            throw new BwException(BwException.BAD_PERMISSIONS, "Permission string is invalid");
        }
        long now = Requests.nowNs();
        Registry.State src = registry.entityState(ek.entity().vkB64(), now);
        String toB64 = Crypto.b64(to);
        Registry.State dst = toB64.equals(Crypto.EVERYBODY_B64) ? Registry.State.VALID : registry.entityState(toB64, now);
        if (src != Registry.State.VALID || dst != Registry.State.VALID) {
            throw new BwException(BwException.INVALID_ENTITY, "Cannot grant dot, source/destination VK state: "
                    + src.title() + "/" + dst.title());
        }
        Long created = Frame.parseBool(f.kv("omitcreationdate"), false) ? null : now;
        Dot d = Dot.create(ek.seed(), to, ttl, perms, t.ns(), t.pattern().suffix(), created, Requests.expiry(f),
                revokers(f), f.kv("contact"), f.kv("comment"));
        guard.authorize(f.command(), d.encoded().length);
        String hash = registry.putDot(d);
        session.send(Replies.okay(f.seqNo(), true).kv("hash", hash)
                .po(new PayloadObject(RoutingObject.ACCESS_DOT, d.encoded())).build());
    }

    private void makeRevocation(Frame f) throws BwException {
        EntityKey ek = session.requireEntity();
        byte[] target = f.kv("dot") != null ? Requests.vkKv(f, "dot", true) : Requests.vkKv(f, "entity", false);
        if (target == null) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected kv 'dot' (b64 DOT hash) or 'entity' (b64 VK)");
        }
        Revocation r = Revocation.create(ek.seed(), target, Requests.nowNs(), f.kv("comment"));
        guard.authorize(f.command(), r.encoded().length);
        String hash = registry.putRevocation(r);
        session.send(Replies.okay(f.seqNo(), true).kv("hash", hash)
                .po(new PayloadObject(RoutingObject.REVOCATION, r.encoded())).build());
    }

    private void buildChain(Frame f) throws BwException {
        Requests.Target t = Requests.target(f, registry);
        byte[] to = Requests.vkKv(f, "to", true);
        int perms;
        try {
            perms = Permissions.parse(f.kv("accesspermissions"));
        } catch (IllegalArgumentException e) {
            throw new BwException(BwException.BAD_PERMISSIONS, "Permission string is invalid");
        }
        PermissionChecker.Chain c = session.core.checker.find(t.nsB64(), t.pattern(), perms, Crypto.b64(to),
                Requests.nowNs());
        session.send(Frame.builder(Commands.RESPONSE, f.seqNo()).kv("status", "okay").build());
        if (c != null) {
            session.send(Frame.builder(Commands.RESULT, f.seqNo()).kv("finished", false)
                    .kv("hash", Crypto.b64(c.hash())).kv("uri", t.uri())
                    .kv("permissions", Permissions.render(c.permissions()))
                    .po(new PayloadObject(RoutingObject.ACCESS_DCHAIN, c.hashes())).build());
        }
        session.send(Replies.finished(f.seqNo()));
    }

    private static PayloadObject onePo(Frame f, String what, int... types) throws BwException {
        for (PayloadObject po : f.pos()) {
            for (int t : types) {
                if (po.type() == t) {
                    return po;
                }
            }
        }
        throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected a PO " + what);
    }

    private void putEntity(Frame f) throws BwException {
        PayloadObject po = onePo(f, "0.0.0.48 (entity) or 0.0.0.50 (entity with key)",
                RoutingObject.ENTITY, RoutingObject.ENTITY_WITH_KEY);
        guard.authorize(f.command(), po.content().length);
        Entity e;
        if (po.type() == RoutingObject.ENTITY_WITH_KEY) {
            e = parseKey(po.content()).entity(); // the signing key is never stored
        } else {
            try {
                e = Entity.parse(po.content());
            } catch (ObjectFormatException ex) {
                throw new BwException(BwException.INVALID_ENTITY, "Invalid entity: " + ex.getMessage());
            }
        }
        String vk = registry.putEntity(e);
        session.send(Replies.okay(f.seqNo(), true).kv("vk", vk).kv("hash", vk).build());
    }

    private void putDot(Frame f) throws BwException {
        PayloadObject po = onePo(f, "0.0.0.32 (access DOT)", RoutingObject.ACCESS_DOT);
        guard.authorize(f.command(), po.content().length);
        Dot d;
        try {
            d = Dot.parse(po.content());
        } catch (ObjectFormatException ex) {
            throw new BwException(BwException.INVALID_DOT, "Invalid DOT: " + ex.getMessage());
        }
        session.send(Replies.okay(f.seqNo(), true).kv("hash", registry.putDot(d)).build());
    }

    private void putChain(Frame f) throws BwException {
        PayloadObject po = onePo(f, "0.0.0.2 (access DChain)", RoutingObject.ACCESS_DCHAIN);
        guard.authorize(f.command(), po.content().length);
        session.send(Replies.okay(f.seqNo(), true).kv("hash", registry.putChain(po.content())).build());
    }

    private void putRevocation(Frame f) throws BwException {
        PayloadObject po = onePo(f, "0.0.0.80 (revocation)", RoutingObject.REVOCATION);
        guard.authorize(f.command(), po.content().length);
        Revocation r;
        try {
            r = Revocation.parse(po.content());
        } catch (ObjectFormatException ex) {
            throw new BwException(BwException.INVALID_REVOCATION, "Invalid revocation: " + ex.getMessage());
        }
        session.send(Replies.okay(f.seqNo(), true).kv("hash", registry.putRevocation(r)).build());
    }

    private void resolve(Frame f) throws BwException {
        String key = f.kv("key");
        if (key == null) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "missing kv 'key' (b64 VK or hash, or an alias)");
        }
        byte[] k = Crypto.unb64Key(key);
        if (k == null) {
            k = key.length() <= 32 ? registry.resolveAlias(key) : null;
        }
        long now = Requests.nowNs();
        Frame.Builder b = Replies.okay(f.seqNo(), true);
        String kb = k == null ? null : Crypto.b64(k);
        Entity e = kb == null ? null : registry.entity(kb);
        Dot d = kb == null ? null : registry.dot(kb);
        byte[] chain = kb == null ? null : registry.chain(kb);
        if (e != null) {
            b.kv("validity", registry.entityState(kb, now).name().toLowerCase())
                    .ro(new RoutingObject(RoutingObject.ENTITY, e.encoded()));
        } else if (d != null) {
            b.kv("validity", registry.dotState(d, now).name().toLowerCase())
                    .ro(new RoutingObject(RoutingObject.ACCESS_DOT, d.encoded()));
        } else if (chain != null) {
            b.kv("validity", session.core.checker.chainStillValid(splitHashes(chain), now) ? "valid" : "unknown")
                    .ro(new RoutingObject(RoutingObject.ACCESS_DCHAIN, chain));
        } else {
            b.kv("validity", "unknown");
        }
        session.send(b.build());
    }

    private static List<byte[]> splitHashes(byte[] chain) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i + 32 <= chain.length; i += 32) {
            out.add(Arrays.copyOfRange(chain, i, i + 32));
        }
        return out;
    }

    /** Alias content: a 44-character b64 key, or at most 32 raw bytes (zero-padded). */
    private static byte[] aliasContent(Frame f) throws BwException {
        for (Frame.Kv kv : f.kvs()) {
            if (kv.key().equals("content")) {
                byte[] k = Crypto.unb64Key(kv.valueAsString());
                if (k != null) {
                    return k;
                }
                if (kv.value().length > 32) {
                    throw new BwException(BwException.ALIAS_ERROR, "alias content must be a b64 key or at most 32 bytes");
                }
                return Arrays.copyOf(kv.value(), 32);
            }
        }
        throw new BwException(BwException.MALFORMED_OOB_COMMAND, "missing kv 'content' (the value to alias)");
    }

    private void makeLongAlias(Frame f) throws BwException {
        String key = f.kv("key");
        if (key == null) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "missing kv 'key' (the alias, at most 32 bytes)");
        }
        byte[] content = aliasContent(f);
        Registry.validateAlias(key);
        if (registry.resolveAlias(key) == null) {
            // a bound alias writes nothing: the same binding is a no-op, another one gets 514 from putAlias
            guard.authorizeAlias(f.command(), key, content);
            claimOnBus(key, content);
        }
        registry.putAlias(key, content);
        session.send(Replies.okay(f.seqNo(), true).build());
    }

    /**
     * A clustered router asks the bus first (first come across routers, issue 15). When another router was first,
     * its binding is taken into the local registry at once, so that the putAlias that follows answers 514 with the
     * same text a single router gives, and a resolve here right after sees the binding that won.
     */
    private byte[] claimOnBus(String alias, byte[] content) throws BwException {
        byte[] held;
        try {
            held = session.core.bus.claimAlias(alias, content);
        } catch (org.spawnpoint.bosswave.router.internal.cluster.BusLink.ClusterException e) {
            throw new BwException(BwException.PEER_ERROR, e.getMessage());
        }
        if (!Arrays.equals(held, content)) {
            try {
                registry.putAlias(alias, held);
            } catch (BwException e) {
                // the local registry holds a third value (bound while the cluster was away): putAlias answers 514
            }
        }
        return held;
    }

    private void makeShortAlias(Frame f) throws BwException {
        byte[] content = aliasContent(f);
        guard.authorizeAlias(f.command(), null, content);
        List<String> existing = registry.aliasesOf(content);
        for (String a : existing) {
            if (a.startsWith("0x")) {
                session.send(Replies.okay(f.seqNo(), true).kv("hexkey", a).build());
                return;
            }
        }
        String hex;
        do {
            hex = "0x" + Long.toHexString(Crypto.randomLong() >>> 24);
        } while (registry.resolveAlias(hex) != null || !claimedOnBus(hex, content));
        registry.putAlias(hex, content);
        session.send(Replies.okay(f.seqNo(), true).kv("hexkey", hex).build());
    }

    /** A random short alias another router took first is drawn again. */
    private boolean claimedOnBus(String hex, byte[] content) throws BwException {
        return Arrays.equals(claimOnBus(hex, content), content);
    }

    private void resolveAlias(Frame f) throws BwException {
        String key = f.kv("longkey") != null ? f.kv("longkey") : f.kv("shortkey");
        Frame.Builder b = Replies.okay(f.seqNo(), true);
        if (key != null) {
            byte[] v = registry.resolveAlias(key);
            if (v == null) {
                throw new BwException(BwException.UNRESOLVED_ALIAS, "Key not found");
            }
            b.kv("value", Crypto.b64(v));
        } else if (f.kv("unresolve") != null) {
            byte[] k = Crypto.unb64Key(f.kv("unresolve"));
            List<String> names = k == null ? List.of() : registry.aliasesOf(k);
            if (names.isEmpty()) {
                throw new BwException(BwException.UNRESOLVED_ALIAS, "Key not found");
            }
            b.kv("value", names.get(0));
        } else {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected kv 'longkey', 'shortkey' or 'unresolve'");
        }
        session.send(b.build());
    }

    /** There is no blockchain: the "chain" is always fresh, so status lines and freshness checks pass. */
    private void bcParams(Frame f) throws BwException {
        if (f.kv("maxage") != null) {
            try {
                maxAgeSeconds = Long.parseLong(f.kv("maxage"));
            } catch (NumberFormatException e) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "kv 'maxage' must be an integer number of seconds");
            }
        }
        long block = Requests.nowNs() / 15_000_000_000L;
        session.send(Replies.okay(f.seqNo(), true)
                .kv("confirmations", f.kv("confirmations") != null ? f.kv("confirmations") : "2")
                .kv("timeout", f.kv("timeout") != null ? f.kv("timeout") : "10")
                .kv("maxage", Long.toString(maxAgeSeconds))
                .kv("currentage", "1")
                .kv("currentblock", Long.toString(block))
                .kv("peers", "1")
                .kv("highest", Long.toString(block))
                .kv("difficulty", "1").build());
    }
}
