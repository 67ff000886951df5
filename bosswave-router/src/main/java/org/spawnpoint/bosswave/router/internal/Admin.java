package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;

/** Registry operations for the {@code bw2} CLI, working directly on a data directory (the router must be stopped). */
public final class Admin implements AutoCloseable {
    private final Registry registry;

    public Admin(Path dataDir) {
        this.registry = Registry.open(dataDir, true);
    }

    public static Long expiryNs(Integer days) {
        if (days == null) {
            return null;
        }
        Instant t = Instant.now().plus(Duration.ofDays(days));
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    /** Creates an entity, stores it in the registry and writes its key file (0x32 ‖ SK ‖ entity, mode 0600). */
    public EntityKey makeEntity(Path keyFile, String contact, String comment, Integer expiryDays) throws IOException {
        byte[] seed = Crypto.newSeed();
        Entity e = Entity.create(seed, Requests.nowNs(), expiryNs(expiryDays), List.of(), contact, comment);
        try {
            registry.putEntity(e);
        } catch (BwException ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
        EntityKey k = new EntityKey(seed, e);
        KeyFiles.writeKey(keyFile, k);
        return k;
    }

    /** Resolves a VK given as b64, as a key/entity file, or as an alias. */
    public byte[] vk(String text) throws IOException {
        byte[] vk = Crypto.unb64Key(text);
        if (vk != null) {
            return vk;
        }
        Path p = Path.of(text);
        if (Files.isRegularFile(p)) {
            try {
                return KeyFiles.readKey(p).entity().vk();
            } catch (ObjectFormatException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }
        byte[] a = registry.resolveAlias(text);
        if (a != null) {
            return a;
        }
        throw new IllegalArgumentException("'" + text + "' is neither a b64 VK, a key file nor a known alias");
    }

    /** Creates a DOT from the giver's key on {@code uri} (namespace VK or alias / suffix) and stores it. */
    public Dot makeDot(EntityKey giver, byte[] to, String uri, String permissions, int ttl, Integer expiryDays) {
        int slash = uri.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("--uri: expected namespace/suffix, got '" + uri + "'");
        }
        byte[] ns;
        try {
            ns = Requests.namespace(uri.substring(0, slash), registry);
        } catch (BwException e) {
            throw new IllegalArgumentException("--uri: namespace '" + uri.substring(0, slash) + "' is neither a b64 VK "
                    + "nor a known alias");
        }
        String suffix = uri.substring(slash + 1);
        try {
            UriPattern.parse(suffix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--uri: " + e.getMessage());
        }
        int perms;
        try {
            perms = Permissions.parse(permissions);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--permissions: " + e.getMessage());
        }
        Dot d = Dot.create(giver.seed(), to, ttl, perms, ns, suffix, Requests.nowNs(), expiryNs(expiryDays), List.of(),
                null, null);
        try {
            registry.putDot(d);
        } catch (BwException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        return d;
    }

    public void makeAlias(String alias, byte[] value) {
        try {
            registry.putAlias(alias, value);
        } catch (BwException e) {
            throw new IllegalArgumentException("--alias: " + e.getMessage());
        }
    }

    public String revoke(EntityKey revoker, byte[] target, String comment) {
        try {
            return registry.putRevocation(Revocation.create(revoker.seed(), target, Requests.nowNs(), comment));
        } catch (BwException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    public String entityState(String vkB64) {
        return registry.entityState(vkB64, Requests.nowNs()).title();
    }

    public String dotState(Dot d) {
        return registry.dotState(d, Requests.nowNs()).title();
    }

    public Registry registry() {
        return registry;
    }

    @Override
    public void close() {
        registry.close();
    }
}
