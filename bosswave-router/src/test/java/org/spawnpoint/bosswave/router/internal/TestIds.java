package org.spawnpoint.bosswave.router.internal;

import java.util.List;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;

/** Builds entities and DOTs for tests. */
final class TestIds {
    private TestIds() {
    }

    static long now() {
        return Requests.nowNs();
    }

    static EntityKey entity(String name, Long expiryNs) {
        byte[] seed = Crypto.newSeed();
        return new EntityKey(seed, Entity.create(seed, now(), expiryNs, List.of(), name, null));
    }

    static EntityKey entity(String name) {
        return entity(name, null);
    }

    static Dot dot(EntityKey from, byte[] to, EntityKey ns, String suffix, String perms, int ttl, Long expiryNs) {
        return Dot.create(from.seed(), to, ttl, Permissions.parse(perms), ns.entity().vk(), suffix, now(), expiryNs,
                List.of(), null, null);
    }

    static Dot dot(EntityKey from, EntityKey to, EntityKey ns, String suffix, String perms, int ttl) {
        return dot(from, to.entity().vk(), ns, suffix, perms, ttl, null);
    }
}
