package org.spawnpoint.bosswave.router.internal.cluster;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.impl.Headers;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A router joined to a NATS JetStream cluster. Live messages go out on core NATS subjects ({@link SubjectCodec}),
 * tagged with this router's id (so that it drops its own when they come back) and a sequence number (so that a
 * message matching two of its NATS subscriptions is delivered once). Persisted messages and the registry live in two
 * JetStream KV buckets ({@link Buckets}), which every router watches into its own data directory: queries, lists and
 * permission checks are answered locally.
 */
public final class NatsBus implements BusLink {
    private static final Logger LOG = LoggerFactory.getLogger(NatsBus.class);
    static final String H_ROUTER = "Bw-Router";
    static final String H_SEQ = "Bw-Seq";
    static final String H_FROM = "Bw-From";
    /**
     * Longest subject we send: nats-server closes a connection whose protocol line exceeds max_control_line (4096
     * by default), and a subscribe or publish line holds the subject and a few numbers.
     */
    static final int MAX_SUBJECT = 3000;

    private final String routerId = HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
    private final String urls;
    private final Connection nc;
    private final BusHost host;
    private final Dispatcher dispatcher;
    private final Buckets buckets;
    /** Sequence number of the messages sent; only the forwarding thread uses it. */
    private long seq;
    private final BlockingQueue<Forward> outbox = new ArrayBlockingQueue<>(8192);
    private final Thread forwarder;
    private volatile boolean closing;
    private final Map<String, Integer> interest = new HashMap<>();
    /** Last sequence number seen per origin router; only the dispatcher thread uses it. */
    private final Map<String, Long> lastSeen = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> e) {
            return size() > 4096;
        }
    };
    private final AtomicLong lastWarnMs = new AtomicLong();

    private NatsBus(String urls, Connection nc, BusHost host) {
        this.urls = urls;
        this.nc = nc;
        this.host = host;
        this.dispatcher = nc.createDispatcher(this::onMessage);
        this.buckets = new Buckets(nc, host, this::warn);
        this.forwarder = new Thread(this::forwardLoop, "bw2-cluster-forward");
        forwarder.setDaemon(true);
        forwarder.start();
    }

    /**
     * Connects to the cluster, makes the buckets (with {@code replicas} copies) unless they exist, and loads this
     * router's copy of the retained messages and the registry; fails with a message that says what to do.
     */
    public static NatsBus join(List<String> servers, int replicas, BusHost host) throws ClusterException {
        String urls = String.join(",", servers);
        Connection nc;
        java.util.concurrent.atomic.AtomicReference<NatsBus> joined = new java.util.concurrent.atomic.AtomicReference<>();
        Runnable reconnected = () -> {
            NatsBus b = joined.get();
            if (b != null) {
                b.buckets.afterReconnect();
            }
        };
        try {
            nc = Nats.connect(options(servers, reconnected));
        } catch (IOException e) {
            throw new ClusterException("cannot reach the NATS cluster at " + urls + ": " + e.getMessage()
                    + ". Start nats-server with JetStream (README, \"Many machines\"), fix --cluster, or leave "
                    + "--cluster out to run a single router", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while connecting to the NATS cluster at " + urls, e);
        }
        NatsBus bus = new NatsBus(urls, nc, host);
        try {
            bus.buckets.open(replicas);
        } catch (ClusterException | RuntimeException e) {
            bus.close();
            throw e;
        }
        joined.set(bus);
        LOG.info("joined the NATS cluster at {} (connected to {}) as router {}; {}", urls, nc.getConnectedUrl(),
                bus.routerId, bus.buckets.describe());
        return bus;
    }

    private static Options options(List<String> servers, Runnable reconnected) {
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        return Options.builder()
                .servers(servers.toArray(String[]::new))
                .connectionName("bw2-router")
                .connectionTimeout(Duration.ofSeconds(5))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(500))
                // jnats pings every 2 minutes by default, so a cut link went unnoticed while TCP retransmitted (the
                // network-namespace drill); a ping every 5 s with 2 outstanding notices a dead link within ~15 s.
                .pingInterval(Duration.ofSeconds(5))
                .maxPingsOut(2)
                .connectionListener((conn, event) -> {
                    switch (event) {
                        case DISCONNECTED -> {
                            if (!lost.getAndSet(true)) { // jnats says it again after every failed attempt
                                LOG.warn("lost the NATS cluster ({}): this router goes on serving its own "
                                        + "clients with the state it has; until the cluster is back, persists fail "
                                        + "and publishes reach its own subscribers at once and the other routers' "
                                        + "only after a reconnect (at most 8 MiB of them are held)", servers);
                            }
                        }
                        case RECONNECTED -> {
                            lost.set(false);
                            LOG.warn("back in the NATS cluster, connected to {}", conn.getConnectedUrl());
                            reconnected.run();
                        }
                        case CLOSED -> LOG.info("NATS connection closed");
                        default -> LOG.debug("NATS: {}", event);
                    }
                })
                .errorListener(new io.nats.client.ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        LOG.warn("NATS server error: {}", error);
                    }

                    @Override
                    public void exceptionOccurred(Connection conn, Exception exp) {
                        if (conn.getStatus() == Connection.Status.CONNECTED) {
                            LOG.warn("NATS connection: {}", exp.toString());
                        } else {
                            // every failed reconnect attempt lands here; the loss itself was logged once
                            LOG.debug("NATS connection: {}", exp.toString());
                        }
                    }

                    @Override
                    public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
                        LOG.warn("NATS: this router reads messages from the cluster slower than they come; some "
                                + "are dropped");
                    }
                })
                .build();
    }

    @Override
    public boolean clustered() {
        return true;
    }

    /** This router's id on the bus (the {@code Bw-Router} header of what it sends). */
    public String routerId() {
        return routerId;
    }

    /** A message waiting for the forwarding thread. */
    private record Forward(String nsB64, String[] elems, String originVkB64, Supplier<byte[]> encoded) {
    }

    @Override
    public void published(String nsB64, String[] elems, String originVkB64, Supplier<byte[]> encoded) {
        try {
            // bounded: when the forwarder falls behind, publishers wait (and TCP pushes back on their clients)
            outbox.put(new Forward(nsB64, elems, originVkB64, encoded));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The forwarding thread: one, so that messages leave in the order they were delivered here. */
    private void forwardLoop() {
        while (!closing) {
            Forward f;
            try {
                f = outbox.poll(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (f != null) {
                try {
                    forward(f);
                } catch (RuntimeException e) {
                    warn("a message on " + f.nsB64 + "/" + String.join("/", f.elems) + " did not reach the other "
                            + "routers: " + e);
                }
            }
        }
    }

    private void forward(Forward f) {
        String subject = SubjectCodec.publishSubject(f.nsB64, f.elems);
        if (subject.length() > MAX_SUBJECT) {
            warn("a message on a URI of " + subject.length() + " characters as a NATS subject went to this router's "
                    + "subscribers only (at most " + MAX_SUBJECT + " cross the cluster)");
            return;
        }
        byte[] encoded = f.encoded.get();
        long max = nc.getMaxPayload();
        if (encoded.length + 256 > max) {
            warn("a message of " + encoded.length + " bytes on " + f.nsB64 + "/" + String.join("/", f.elems)
                    + " went to this router's subscribers only: the NATS cluster's max_payload is " + max
                    + " bytes (raise it in the nats-server config; 64 MiB at most)");
            return;
        }
        Headers h = new Headers();
        h.put(H_ROUTER, routerId);
        h.put(H_SEQ, Long.toString(++seq));
        h.put(H_FROM, f.originVkB64);
        // while reconnecting, jnats buffers; a full buffer or a closed connection throws (logged by the loop)
        nc.publish(subject, h, encoded);
    }

    private void onMessage(Message msg) {
        Headers h = msg.getHeaders();
        String from = h == null ? null : h.getFirst(H_ROUTER);
        if (from == null || from.equals(routerId)) {
            return;
        }
        try {
            long s = Long.parseLong(h.getFirst(H_SEQ));
            Long last = lastSeen.get(from);
            if (last != null && s <= last) {
                return; // the same message through a second of our subscriptions
            }
            lastSeen.put(from, s);
            List<String> t = SubjectCodec.decodeTokens(msg.getSubject(), 2);
            String[] elems = t.subList(1, t.size()).toArray(String[]::new);
            host.deliverRemote(t.get(0), elems, h.getFirst(H_FROM), msg.getData());
        } catch (RuntimeException e) {
            warn("dropped a message from router " + from + " on " + msg.getSubject() + ": " + e);
        }
    }

    @Override
    public void interest(String nsB64, String[] pattern, boolean add) {
        String subject = SubjectCodec.subscribeSubject(nsB64, pattern);
        if (subject.length() > MAX_SUBJECT) {
            subject = SubjectCodec.subscribeSubject(nsB64, new String[] {"*"}); // wider; the table filters
        }
        synchronized (interest) {
            int n = interest.merge(subject, add ? 1 : -1, Integer::sum);
            if (add && n == 1) {
                dispatcher.subscribe(subject);
                flush(); // our server knows of it before the subscriber hears "okay"
            } else if (n <= 0) {
                interest.remove(subject);
                dispatcher.unsubscribe(subject);
            }
        }
    }

    private void flush() {
        if (nc.getStatus() != Connection.Status.CONNECTED) {
            return;
        }
        try {
            nc.flush(Duration.ofSeconds(2));
        } catch (TimeoutException e) {
            warn("the NATS server did not confirm a subscription within 2 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void persist(String nsB64, String[] elems, byte[] value) throws ClusterException {
        if (nc.getStatus() != Connection.Status.CONNECTED) {
            throw new ClusterException("not persisted: this router has lost the NATS cluster at " + urls
                    + " (status " + nc.getStatus() + "); try again when it is back, or through another router", null);
        }
        buckets.persist(SubjectCodec.key(nsB64, elems), value);
    }

    @Override
    public boolean syncRetained() {
        return nc.getStatus() == Connection.Status.CONNECTED && buckets.syncRetained();
    }

    @Override
    public void registryWritten(RegistryKind kind, String key, byte[] value) {
        if (nc.getStatus() != Connection.Status.CONNECTED) {
            LOG.warn("the {} {} is stored on this router only for now: the NATS cluster is away; it is handed over "
                    + "when the cluster is back", kind.prefix, key);
            return;
        }
        buckets.registryWritten(kind, key, value);
    }

    @Override
    public byte[] claimAlias(String alias, byte[] value) throws ClusterException {
        if (nc.getStatus() != Connection.Status.CONNECTED) {
            throw new ClusterException("alias '" + alias + "' not bound: this router has lost the NATS cluster at "
                    + urls + " (status " + nc.getStatus() + ") and aliases are first come on the whole bus; try again "
                    + "when it is back, or through another router", null);
        }
        return buckets.claimAlias(alias, value);
    }

    /** Logs at most one warning per 10 s (hostile or unlucky clients can cause these at any rate). */
    void warn(String text) {
        long now = System.currentTimeMillis();
        long last = lastWarnMs.get();
        if (now - last >= 10_000 && lastWarnMs.compareAndSet(last, now)) {
            LOG.warn(text);
        } else {
            LOG.debug(text);
        }
    }

    @Override
    public void close() {
        closing = true;
        forwarder.interrupt();
        buckets.close();
        try {
            nc.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A test hook: the NATS connection's status. */
    public String status() {
        return String.valueOf(nc.getStatus());
    }

    static boolean exists(JetStreamApiException e) {
        return e.getApiErrorCode() == 10071 || e.getApiErrorCode() == 10164;
    }

    static KeyValue keyValue(Connection nc, String bucket) throws IOException {
        return nc.keyValue(bucket);
    }
}
