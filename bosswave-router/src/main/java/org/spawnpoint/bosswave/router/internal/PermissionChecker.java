package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;

/**
 * The autochain of bosswave-oob.md §5.6 step 2, run for every request whatever {@code autochain} or {@code doverify}
 * say: a breadth-first search over registry DOTs from the namespace VK to the requester (or Everybody). A DOT is
 * usable only when it is Valid now (unexpired, unrevoked, valid entities), on the same namespace, grants every
 * requested permission bit and covers the whole requested pattern; TTLs limit the chain length. Since every DOT covers
 * the request, the chain's intersection is the request itself: a broader wildcard than granted finds no chain.
 */
public final class PermissionChecker {

    /** A chain of DOTs from the namespace outward. */
    public record Chain(List<Dot> dots) {
        /** The concatenated DOT hashes: RO 0x02 content and PO 0.0.0.2. */
        public byte[] hashes() {
            byte[] out = new byte[32 * dots.size()];
            for (int i = 0; i < dots.size(); i++) {
                System.arraycopy(dots.get(i).hash(), 0, out, 32 * i, 32);
            }
            return out;
        }

        public byte[] hash() {
            return Crypto.sha256(hashes());
        }

        public boolean endsAtEverybody() {
            return dots.get(dots.size() - 1).receiverB64().equals(Crypto.EVERYBODY_B64);
        }

        /** The AND of the chain's permissions. */
        public int permissions() {
            int p = 0xFFFF;
            for (Dot d : dots) {
                p &= d.permissions();
            }
            return p;
        }
    }

    /** A search result (a chain, or null for none) that holds while the registry is unchanged, until an expiry. */
    public record Grant(Chain chain, long generation, long validUntilNs) {
        public boolean holds(long registryGeneration, long nowNs) {
            return generation == registryGeneration && nowNs < validUntilNs;
        }
    }

    private static final int MAX_CACHE = 50_000;

    private final Registry registry;
    private final Map<String, Grant> cache = new ConcurrentHashMap<>();

    public PermissionChecker(Registry registry) {
        this.registry = registry;
    }

    /** The shortest valid chain granting {@code perms} on {@code ns/pattern} to {@code target}, or null. */
    public Chain find(String nsB64, UriPattern pattern, int perms, String targetB64, long nowNs) {
        return grant(nsB64, pattern, perms, targetB64, nowNs).chain();
    }

    /** As {@link #find}, with how long the answer holds, so that a caller may keep it. */
    public Grant grant(String nsB64, UriPattern pattern, int perms, String targetB64, long nowNs) {
        String key = nsB64 + '\n' + pattern.suffix() + '\n' + perms + '\n' + targetB64;
        long gen = registry.generation();
        Grant c = cache.get(key);
        if (c != null && c.holds(gen, nowNs)) {
            return c;
        }
        Chain chain = search(nsB64, pattern, perms, targetB64, nowNs);
        long until = Long.MAX_VALUE;
        if (chain != null) {
            for (Dot d : chain.dots) {
                until = Math.min(until, expiry(d.expiryNs()));
                until = Math.min(until, entityExpiry(d.giverB64()));
                until = Math.min(until, entityExpiry(d.receiverB64()));
            }
        }
        if (cache.size() > MAX_CACHE) {
            cache.clear();
        }
        Grant g = new Grant(chain, gen, until);
        cache.put(key, g);
        return g;
    }

    private long entityExpiry(String vk) {
        var e = registry.entity(vk);
        return e == null ? Long.MAX_VALUE : expiry(e.expiryNs());
    }

    private static long expiry(Long ns) {
        return ns == null ? Long.MAX_VALUE : ns;
    }

    private record Partial(List<Dot> dots, String end, int ttl) {
    }

    private Chain search(String nsB64, UriPattern pattern, int perms, String targetB64, long nowNs) {
        ArrayDeque<Partial> queue = new ArrayDeque<>();
        Set<String> visited = new HashSet<>();
        visited.add(nsB64);
        for (Dot d : registry.dotsGivenBy(nsB64)) {
            if (usable(d, nsB64, pattern, perms, nowNs)) {
                Partial p = new Partial(List.of(d), d.receiverB64(), d.ttl());
                if (ends(p.end, targetB64)) {
                    return new Chain(p.dots);
                }
                queue.add(p);
            }
        }
        while (!queue.isEmpty()) {
            Partial p = queue.poll();
            if (p.ttl == 0 || !visited.add(p.end)) {
                continue;
            }
            for (Dot d : registry.dotsGivenBy(p.end)) {
                if (!usable(d, nsB64, pattern, perms, nowNs)) {
                    continue;
                }
                List<Dot> dots = new ArrayList<>(p.dots);
                dots.add(d);
                Partial next = new Partial(dots, d.receiverB64(), Math.min(p.ttl - 1, d.ttl()));
                if (ends(next.end, targetB64)) {
                    return new Chain(dots);
                }
                queue.add(next);
            }
        }
        return null;
    }

    private static boolean ends(String receiver, String target) {
        return receiver.equals(target) || receiver.equals(Crypto.EVERYBODY_B64);
    }

    private boolean usable(Dot d, String nsB64, UriPattern pattern, int perms, long nowNs) {
        if (!d.namespaceB64().equals(nsB64) || !Permissions.grants(d.permissions(), perms)) {
            return false;
        }
        UriPattern grant;
        try {
            grant = UriPattern.parse(d.suffix());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return grant.covers(pattern) && registry.dotState(d, nowNs) == Registry.State.VALID;
    }

    /** True when every DOT named by {@code hashes} is still known and Valid (re-verification of query results). */
    public boolean chainStillValid(List<byte[]> hashes, long nowNs) {
        for (byte[] h : hashes) {
            Dot d = registry.dot(Crypto.b64(h));
            if (d == null || registry.dotState(d, nowNs) != Registry.State.VALID) {
                return false;
            }
        }
        return true;
    }

    /** Permission bits a subscription or query on {@code pattern} needs: C, plus C+ or C* for wildcards. */
    public static int consumePermissions(UriPattern pattern) {
        if (pattern.hasStar()) {
            return Permissions.C | Permissions.C_PLUS | Permissions.C_STAR;
        }
        if (pattern.hasPlus()) {
            return Permissions.C | Permissions.C_PLUS;
        }
        return Permissions.C;
    }
}
