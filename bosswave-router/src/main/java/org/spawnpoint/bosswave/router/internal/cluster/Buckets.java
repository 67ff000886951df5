package org.spawnpoint.bosswave.router.internal.cluster;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.KeyValueManagement;
import io.nats.client.api.KeyValueConfiguration;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueOperation;
import io.nats.client.api.KeyValueStatus;
import io.nats.client.api.StorageType;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink.ClusterException;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink.RegistryKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two JetStream KV buckets of a bus. {@code bw2-retained}: key {@link SubjectCodec#key} of a URI, value origin
 * VK ‖ the signed message, one revision per key (persist means "last message per URI"). {@code bw2-registry}: key
 * {@code <kind>.<encoded id>} (entity VK, DOT/chain/revocation hash, alias), value the object's bytes. Every router
 * watches both into its own data directory, so that reads stay local; a KV revision is the bucket stream's sequence,
 * which lets a query wait until this router's copy holds everything stored before it.
 */
final class Buckets {
    private static final Logger LOG = LoggerFactory.getLogger(Buckets.class);
    static final String RETAINED = "bw2-retained";
    static final String REGISTRY = "bw2-registry";
    private static final long HANDOVER_SECONDS = 60;
    private static final long SYNC_MS = 2000;

    private final Connection nc;
    private final BusHost host;
    private final Consumer<String> warn;
    private KeyValue retained;
    private KeyValue registry;
    private JetStreamManagement jsm;
    private Mirror retainedCopy;
    private Mirror registryCopy;
    private int replicas;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bw2-cluster-check");
        t.setDaemon(true);
        return t;
    });
    /** Registry keys the cluster handed over at start (those need not be pushed). */
    private final Set<String> registryKeysSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean handedOver;
    /** Retained keys the cluster handed over at start. */
    private final Set<String> retainedKeysSeen = ConcurrentHashMap.newKeySet();
    private volatile boolean retainedHandedOver;

    Buckets(Connection nc, BusHost host, Consumer<String> warn) {
        this.nc = nc;
        this.host = host;
        this.warn = warn;
    }

    void open(int replicas) throws ClusterException {
        this.replicas = replicas;
        try {
            jsm = nc.jetStreamManagement();
            KeyValueManagement kvm = nc.keyValueManagement();
            ensure(kvm, RETAINED, "BOSSWAVE retained messages: the last persisted message per URI");
            ensure(kvm, REGISTRY, "BOSSWAVE registry: entities, DOTs, chains, revocations and aliases");
            retained = nc.keyValue(RETAINED);
            registry = nc.keyValue(REGISTRY);
            registryCopy = new Mirror(registry, jsm, "registry", this::registryEntry, warn);
            registryCopy.start(HANDOVER_SECONDS);
            handedOver = true;
            pushMissing();
            retainedCopy = new Mirror(retained, jsm, "retained messages", this::retainedEntry, warn);
            retainedCopy.start(HANDOVER_SECONDS);
            retainedHandedOver = true;
            pushMissingRetained();
            checker.scheduleWithFixedDelay(this::check, 1, 1, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new ClusterException("the NATS cluster's JetStream did not answer: " + e.getMessage()
                    + " (do the NATS servers run with JetStream? nats-server -js, or jetstream {} in its config)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while joining the NATS cluster", e);
        }
    }

    private void ensure(KeyValueManagement kvm, String name, String description) throws IOException,
            ClusterException {
        KeyValueConfiguration cfg = KeyValueConfiguration.builder().name(name).description(description)
                .maxHistoryPerKey(1).replicas(replicas).storageType(StorageType.File).build();
        try {
            createPatiently(kvm, cfg);
        } catch (JetStreamApiException e) {
            KeyValueStatus st;
            try {
                st = kvm.getStatus(name);
            } catch (JetStreamApiException e2) {
                throw new ClusterException("cannot make the JetStream bucket " + name + " with " + replicas
                        + " replicas: " + e.getMessage() + " (clusterReplicas is " + replicas + "; the NATS cluster "
                        + "needs at least that many JetStream servers)", e);
            }
            if (st.getReplicas() != replicas) {
                LOG.warn("the JetStream bucket {} exists with {} replicas, this router asks for {}: using it as it is",
                        name, st.getReplicas(), replicas);
            }
        }
    }

    /**
     * Creates the bucket (a no-op when it exists with this config), retrying for a while when JetStream is still
     * electing its leaders (a cluster that has just started answers "temporarily unavailable" or not at all).
     */
    private static void createPatiently(KeyValueManagement kvm, KeyValueConfiguration cfg) throws IOException,
            JetStreamApiException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                kvm.create(cfg);
                return;
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != 10008 || System.nanoTime() > deadline) {
                    throw e;
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            LOG.info("JetStream is not ready yet; trying again");
            try {
                Thread.sleep(500);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", ie);
            }
        }
    }

    private void retainedEntry(KeyValueEntry e) {
        if (!retainedHandedOver) {
            retainedKeysSeen.add(e.getKey());
        }
        if (e.getOperation() == KeyValueOperation.PUT) {
            List<String> t = SubjectCodec.decodeTokens(e.getKey(), 0);
            host.retainedChanged(t.get(0), t.subList(1, t.size()).toArray(String[]::new), e.getValue());
        }
    }

    /** Every second while connected: a copy that stalls behind its bucket resumes its watch (see Mirror). */
    private void check() {
        if (nc.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        for (Mirror m : new Mirror[] {registryCopy, retainedCopy}) {
            try {
                m.check();
            } catch (IOException | JetStreamApiException | RuntimeException e) {
                LOG.debug("checking a copy: {}", e.toString());
            }
        }
    }

    private void registryEntry(KeyValueEntry e) {
        if (!handedOver) {
            registryKeysSeen.add(e.getKey());
        }
        if (e.getOperation() != KeyValueOperation.PUT) {
            return;
        }
        String k = e.getKey();
        int dot = k.indexOf('.');
        RegistryKind kind = dot < 0 ? null : RegistryKind.ofPrefix(k.substring(0, dot));
        if (kind == null) {
            throw new IllegalArgumentException("not a registry key");
        }
        host.registryChanged(kind, SubjectCodec.decode(k.substring(dot + 1)), e.getValue());
    }

    private static String registryKey(RegistryKind kind, String id) {
        return kind.prefix + "." + SubjectCodec.encode(id);
    }

    /**
     * Hands the cluster the persisted messages of this router's data directory it does not have (a router that ran
     * alone before it joined keeps what it had); one the cluster holds for the same URI wins.
     */
    private void pushMissingRetained() {
        int[] pushed = {0};
        host.forEachRetained((ns, elems, value) -> {
            String key = SubjectCodec.key(ns, elems);
            if (retainedKeysSeen.contains(key)) {
                return;
            }
            try {
                retained.create(key, value);
                pushed[0]++;
            } catch (JetStreamApiException e) {
                if (!NatsBus.exists(e)) {
                    LOG.warn("could not hand the persisted message at {}/{} to the NATS cluster: {}", ns,
                            String.join("/", elems), e.getMessage());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not hand the persisted message at {}/{} to the NATS cluster: {}", ns,
                        String.join("/", elems), e.toString());
            }
        });
        retainedKeysSeen.clear();
        if (pushed[0] > 0) {
            LOG.info("handed {} persisted messages of this router's data directory to the NATS cluster", pushed[0]);
        }
    }

    /** Hands the cluster the registry objects of this router it does not have yet (e.g. made with bw2 offline). */
    private void pushMissing() {
        int[] pushed = {0};
        host.forEachRegistryObject((kind, id, value) -> {
            String key = registryKey(kind, id);
            if (registryKeysSeen.contains(key)) {
                return;
            }
            try {
                registry.create(key, value);
                pushed[0]++;
            } catch (JetStreamApiException e) {
                if (!NatsBus.exists(e)) {
                    LOG.warn("could not hand {} {} to the NATS cluster: {}", kind.prefix, id, e.getMessage());
                }
            } catch (IOException e) {
                LOG.warn("could not hand {} {} to the NATS cluster: {}", kind.prefix, id, e.getMessage());
            }
        });
        registryKeysSeen.clear();
        if (pushed[0] > 0) {
            LOG.info("handed {} registry objects of this router's data directory to the NATS cluster", pushed[0]);
        }
    }

    /**
     * After a lost connection came back: registry writes made here meanwhile reached only this router, so every
     * object of this router the cluster lacks is handed over (on the checker thread, not the connection's).
     */
    void afterReconnect() {
        checker.execute(() -> pushAfterReconnect(1));
    }

    /** One round of {@link #afterReconnect}; JetStream may still be electing leaders, so a failed round is retried. */
    private void pushAfterReconnect(int round) {
        int[] pushed = {0};
        int[] failed = {0};
        String[] why = {null};
        host.forEachRegistryObject((kind, id, value) -> {
            try {
                registry.create(registryKey(kind, id), value);
                pushed[0]++;
            } catch (JetStreamApiException e) {
                if (!NatsBus.exists(e)) {
                    failed[0]++;
                    why[0] = e.getMessage();
                }
            } catch (IOException | RuntimeException e) {
                failed[0]++;
                why[0] = e.toString();
            }
        });
        if (pushed[0] > 0) {
            LOG.info("handed {} registry objects written while the cluster was away to the NATS cluster", pushed[0]);
        }
        if (failed[0] > 0 && nc.getStatus() == Connection.Status.CONNECTED) {
            if (round < 120) {
                checker.schedule(() -> pushAfterReconnect(round + 1), 1, TimeUnit.SECONDS);
            } else {
                LOG.warn("{} registry objects of this router could not be handed to the NATS cluster ({}); they are "
                        + "handed over when this router starts again", failed[0], why[0]);
            }
        }
    }

    void persist(String key, byte[] value) throws ClusterException {
        long rev;
        try {
            rev = retained.put(key, value);
        } catch (IOException | JetStreamApiException | IllegalArgumentException | IllegalStateException e) {
            throw new ClusterException("not persisted: the NATS cluster did not store it: " + e.getMessage(), e);
        }
        if (!retainedCopy.awaitApplied(rev, SYNC_MS / 4) && !retainedCopy.syncQuietly(rev, SYNC_MS)) {
            warn.accept("a persisted message (revision " + rev + ") is stored in the cluster but not yet in this "
                    + "router's copy after " + SYNC_MS + " ms");
        }
    }

    boolean syncRetained() {
        try {
            return retainedCopy.sync(SYNC_MS);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            warn.accept("answering from this router's copy of the retained messages: the NATS cluster did not say "
                    + "what it holds: " + e.getMessage());
            return false;
        }
    }

    /**
     * First come: {@code create} fails when the key holds a value, so of two routers racing for one alias exactly one
     * creates it; the other reads what the winner wrote. A key deleted between the two calls is claimed again.
     */
    byte[] claimAlias(String alias, byte[] value) throws ClusterException {
        String key = registryKey(RegistryKind.ALIAS, alias);
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                try {
                    registry.create(key, value);
                    return value;
                } catch (JetStreamApiException e) {
                    if (!NatsBus.exists(e)) {
                        throw e;
                    }
                }
                KeyValueEntry held = registry.get(key);
                if (held != null && held.getOperation() == KeyValueOperation.PUT && held.getValue() != null) {
                    return held.getValue();
                }
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            throw new ClusterException("alias '" + alias + "' not bound: the NATS cluster did not say whether another "
                    + "router bound it first: " + e.getMessage() + "; try again", e);
        }
        throw new ClusterException("alias '" + alias + "' not bound: it was deleted and claimed again three times "
                + "while this router tried to bind it; try again", null);
    }

    void registryWritten(RegistryKind kind, String id, byte[] value) {
        try {
            if (kind == RegistryKind.ALIAS) {
                // never overwrite a binding: claimAlias made it already, or another router was first
                createUnlessExists(registryKey(kind, id), value);
            } else {
                registry.put(registryKey(kind, id), value);
            }
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            LOG.warn("the {} {} is stored on this router only for now, not in the NATS cluster: {}; the other routers "
                    + "learn it when this router is back in the cluster", kind.prefix, id, e.getMessage());
        }
    }

    private void createUnlessExists(String key, byte[] value) throws IOException, JetStreamApiException {
        try {
            registry.create(key, value);
        } catch (JetStreamApiException e) {
            if (!NatsBus.exists(e)) {
                throw e;
            }
        }
    }

    String describe() {
        return "buckets " + RETAINED + " and " + REGISTRY + " (" + replicas + " replicas)";
    }

    void close() {
        checker.shutdownNow();
        for (Mirror m : new Mirror[] {retainedCopy, registryCopy}) {
            if (m != null) {
                m.close();
            }
        }
    }
}
