package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.router.internal.Registry;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;

/** Test identities written into a data directory before the router opens it. */
final class Fixture {
    static final String ALIAS = "test.ns";

    private Fixture() {
    }

    static long now() {
        java.time.Instant t = java.time.Instant.now();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
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

    /** Opens the data directory's registry, lets {@code setup} fill it, and closes it again. */
    /**
     * A registry in {@code data} with a namespace {@code alias} and {@code user} granted {@code PC*L} on all of it:
     * the set-up of tests about what any client may do.
     */
    static void namespaceWithUser(Path data, String alias, EntityKey user) throws Exception {
        EntityKey ns = entity("ns");
        registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias(alias, ns.entity().vk());
            r.putDot(dot(ns, user, ns, "*", "PC*L", 0));
        });
    }

    static void registry(Path data, RegistrySetup setup) throws Exception {
        try (Registry r = Registry.open(data, false)) {
            setup.accept(r);
        }
    }

    interface RegistrySetup {
        void accept(Registry r) throws Exception;
    }

    static Router start(Path data, Consumer<RouterConfig.Builder> tweak) {
        RouterConfig.Builder b = RouterConfig.builder().port(0).dataDir(data).fsync(false);
        tweak.accept(b);
        return Router.start(b.build());
    }

    static BosswaveClient client(Router r, EntityKey key) {
        BosswaveClient c = Bosswave.connect(ClientOptions.builder().address(r.address()).build());
        c.setEntity(key.blob());
        return c;
    }
}
