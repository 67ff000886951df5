package org.spawnpoint.bosswave.router.internal;

import java.util.Arrays;
import org.spawnpoint.bosswave.router.internal.cluster.BusHost;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink;
import org.spawnpoint.bosswave.router.internal.cluster.NatsBus;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;

/**
 * The router's side of a {@link BusLink}: what other routers publish, persist and register arrives here and goes into
 * this router's subscription table, retained store and registry, checked as if it came from a client. Objects that
 * arrive are not handed back to the bus (a registry write made while applying one is not "ours").
 */
final class ClusterBridge implements BusHost {
    private final RouterCore core;
    private final ThreadLocal<Boolean> applying = ThreadLocal.withInitial(() -> false);
    /**
     * Revocations whose target (DOT or entity) has not arrived yet, by target: a KV watch hands over the last revision
     * of each key in revision order, so an entity written again after its revocation comes after it. Applied as soon
     * as the target arrives; a revocation is never dropped for coming early. Only the watch's thread uses it.
     */
    private final java.util.Map<String, java.util.List<Revocation>> waitingForTarget = new java.util.HashMap<>();

    private ClusterBridge(RouterCore core) {
        this.core = core;
    }

    /** {@link BusLink#LOCAL} without {@code cluster} in the config, else the joined bus (IllegalStateException). */
    static BusLink join(RouterCore core, CoreSettings config) {
        if (config.cluster().isEmpty()) {
            return BusLink.LOCAL;
        }
        ClusterBridge bridge = new ClusterBridge(core);
        NatsBus bus;
        try {
            bus = NatsBus.join(config.cluster(), config.clusterReplicas(), bridge);
        } catch (BusLink.ClusterException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        core.registry.onWrite((kind, id, value) -> {
            if (!bridge.applying.get()) {
                bus.registryWritten(kind, id, value);
            }
        });
        return bus;
    }

    @Override
    public void deliverRemote(String nsB64, String[] elems, String originVkB64, byte[] encoded) {
        UriPattern uri = UriPattern.parse(String.join("/", elems));
        if (uri.hasWildcard()) {
            throw new IllegalArgumentException("a published URI with a wildcard");
        }
        SignedMessage m;
        try {
            m = SignedMessage.parse(encoded);
        } catch (ObjectFormatException e) {
            throw new IllegalArgumentException("unreadable message: " + e.getMessage(), e);
        }
        core.deliver(nsB64, uri, new Delivery(m, originVkB64, nsB64 + "/" + uri.suffix(), core.signsEveryMessage()));
    }

    @Override
    public void retainedChanged(String nsB64, String[] elems, byte[] value) {
        if (value.length < 32) {
            throw new IllegalArgumentException("a retained value of " + value.length + " bytes (at least 32 expected)");
        }
        core.retained.putCopy(nsB64 + "/" + UriPattern.parse(String.join("/", elems)).suffix(), value);
    }

    @Override
    public void registryChanged(BusLink.RegistryKind kind, String id, byte[] value) {
        applying.set(true);
        try {
            apply(kind, id, value);
        } catch (BwException | ObjectFormatException e) {
            throw new IllegalArgumentException(kind + " " + id + " refused: " + e.getMessage(), e);
        } finally {
            applying.set(false);
        }
    }

    private void apply(BusLink.RegistryKind kind, String id, byte[] value) throws BwException, ObjectFormatException {
        Registry r = core.registry;
        switch (kind) {
            case ENTITY -> {
                Entity e = Entity.parse(value);
                requireId(id, e.vkB64());
                Entity old = r.entity(id);
                if (old == null || !Arrays.equals(old.encoded(), value)) {
                    r.putEntity(e);
                }
                applyWaiting(id);
            }
            case DOT -> {
                Dot d = Dot.parse(value);
                requireId(id, d.hashB64());
                r.putDot(d);
                applyWaiting(id);
            }
            case CHAIN -> {
                if (r.chain(id) == null) {
                    requireId(id, r.putChain(value));
                }
            }
            case REVOCATION -> {
                Revocation rv = Revocation.parse(value);
                String target = rv.targetB64();
                if (r.dot(target) == null && r.entity(target) == null) {
                    waitingForTarget.computeIfAbsent(target, k -> new java.util.ArrayList<>()).add(rv);
                    return;
                }
                r.putRevocation(rv);
            }
            case ALIAS -> r.putAlias(id, value);
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
    }

    private void applyWaiting(String target) throws BwException {
        java.util.List<Revocation> waiting = waitingForTarget.remove(target);
        if (waiting != null) {
            for (Revocation rv : waiting) {
                core.registry.putRevocation(rv);
            }
        }
    }

    private static void requireId(String key, String actual) {
        if (!key.equals(actual)) {
            throw new IllegalArgumentException("stored under " + key + " but its id is " + actual);
        }
    }

    @Override
    public void forEachRetained(RetainedVisitor visitor) {
        core.retained.forEach((uri, value) -> {
            int slash = uri.indexOf('/');
            visitor.visit(uri.substring(0, slash), uri.substring(slash + 1).split("/", -1), value);
        });
    }

    @Override
    public void forEachRegistryObject(RegistryVisitor visitor) {
        core.registry.forEachStored(visitor::visit);
    }
}
