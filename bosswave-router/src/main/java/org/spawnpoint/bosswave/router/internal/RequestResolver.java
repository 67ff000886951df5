package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.router.internal.PermissionChecker.Chain;
import org.spawnpoint.bosswave.router.internal.objects.Bytes;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * One session's resolution of requests: the URI to a namespace and pattern, the requester to the chain that grants
 * it, the chain to the routing objects of a message. It keeps what the last request resolved to, since pipelined
 * publishes name the same URI again and again: aliases never change once bound, and a grant holds while the registry
 * is unchanged and its DOTs and entities unexpired. Used by the session's steps, which run one after another.
 */
final class RequestResolver {
    private final RouterCore core;
    /** The last {@code uri} kv resolved, as sent (compared as bytes: no String per request). */
    private byte[] lastUri;
    private Requests.Target lastTarget;
    private Requests.Target grantTarget;
    private int grantPerms;
    private EntityKey grantEntity;
    private PermissionChecker.Grant grant;
    private List<RoutingObject> grantRos;
    private boolean grantRosPartial;

    RequestResolver(RouterCore core) {
        this.core = core;
    }

    Requests.Target target(Frame f) throws BwException {
        byte[] uri = f.kvBytes("uri");
        if (uri != null && java.util.Arrays.equals(uri, lastUri)) {
            return lastTarget;
        }
        Requests.Target t = Requests.target(f, core.registry);
        if (uri != null) {
            lastUri = uri;
            lastTarget = t;
        }
        return t;
    }

    /** What a publish's kvs say: its target (never a wildcard), its expiry (null for none) and its elaboration mode. */
    record PublishKvs(Requests.Target target, Long expiry, boolean partial) {
    }

    /** The last publish's kv list, kept when it named no expiry (which depends on the time), and what it said. */
    private List<Frame.Kv> publishKvList;
    private PublishKvs publishKvs;

    /**
     * The target, expiry and mode of a publish; fails as a publish does on a wildcard, then on a bad expiry or mode.
     * The frame reader hands the same kv list again while a publisher repeats its kvs (immutable, so the same
     * answers): then they are not looked up again (three lookups and an expiry scan over the kvs per publish).
     */
    PublishKvs publishKvs(Frame f) throws BwException {
        List<Frame.Kv> list = f.kvs();
        PublishKvs k = publishKvs;
        if (k != null && list == publishKvList) {
            return k;
        }
        Requests.Target t = target(f);
        if (t.pattern().hasWildcard()) {
            throw new BwException(BwException.BAD_OPERATION, "bad OP with wildcard");
        }
        k = new PublishKvs(t, Requests.expiry(f), Requests.elaboratePartial(f));
        if (k.expiry() == null) {
            publishKvList = list;
            publishKvs = k;
        }
        return k;
    }

    /** The chain that authorises this request, or the bw2 error when there is none. */
    Chain authorize(Requests.Target t, int perms, EntityKey ek, boolean partial) throws BwException {
        PermissionChecker.Grant g = grant;
        if (g == null || t != grantTarget || perms != grantPerms || ek != grantEntity || !holdsNow(g)) {
            g = core.checker.grant(t.nsB64(), t.pattern(), perms, ek.entity().vkB64(), Requests.nowNs());
            grant = g;
            grantTarget = t;
            grantPerms = perms;
            grantEntity = ek;
            grantRos = null;
        }
        Chain c = g.chain();
        if (c == null) {
            if (partial) {
                throw new BwException(BwException.UNRESOLVABLE, "No primary access chain found, cannot elaborate");
            }
            throw new BwException(BwException.BAD_PERMISSIONS, "missing PAC");
        }
        return c;
    }

    /**
     * Whether the kept grant still holds. A grant through DOTs and entities without an expiry holds until the registry
     * changes, whatever the time: then the clock is not read (Instant.now() was 3.9% of the session thread's samples
     * per 1→1 message, async-profiler).
     */
    private boolean holdsNow(PermissionChecker.Grant g) {
        long gen = core.registry.generation();
        return g.validUntilNs() == Long.MAX_VALUE ? g.generation() == gen : g.holds(gen, Requests.nowNs());
    }

    /** {@link #routingObjects}, kept for the last grant when there is no expiry and no RO of the client's own. */
    List<RoutingObject> publishRoutingObjects(Chain chain, boolean partial, byte[] vk, Long expiry, Frame f)
            throws BwException {
        if (expiry != null || !f.ros().isEmpty()) {
            return routingObjects(chain, partial, vk, expiry, f);
        }
        List<RoutingObject> ros = grantRos;
        if (ros == null || grantRosPartial != partial || grant == null || grant.chain() != chain) {
            ros = List.copyOf(routingObjects(chain, partial, vk, null, f));
            grantRos = ros;
            grantRosPartial = partial;
        }
        return ros;
    }

    /** PAC (RO 0x02, or RO 0x01 for elaborate_pac=none), origin VK when granted through Everybody, expiry. */
    static List<RoutingObject> routingObjects(Chain chain, boolean partial, byte[] vk, Long expiry, Frame f)
            throws BwException {
        List<RoutingObject> ros = new ArrayList<>(3 + f.ros().size());
        ros.add(partial ? new RoutingObject(RoutingObject.ACCESS_DCHAIN, chain.hashes())
                : new RoutingObject(RoutingObject.ACCESS_DCHAIN_HASH, chain.hash()));
        if (chain.endsAtEverybody()) {
            ros.add(new RoutingObject(RoutingObject.ORIGIN_VK, vk));
        }
        if (expiry != null) {
            ros.add(new RoutingObject(RoutingObject.EXPIRY, new Bytes.Out().i64(expiry).toByteArray()));
        }
        for (RoutingObject ro : f.ros()) {
            if (!RoutingObject.isKnownType(ro.type())) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "routing object type " + ro.type()
                        + " is not one bw2 peers can parse (allowed: 1, 2, 17, 18, 32, 33, 48, 49, 50, 64, 80)");
            }
            ros.add(ro);
        }
        return ros;
    }
}
