package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.spawnpoint.bosswave.wire.FrameBudget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running router: registry, retained store, permission checker, subscription table, and the accept loop that
 * starts one {@link ClientSession} (reader thread + writer thread) per connection.
 */
public final class RouterCore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RouterCore.class);

    final CoreSettings config;
    final Registry registry;
    final RetainedStore retained;
    final PermissionChecker checker;
    final SubscriptionTable<Sub> table = new SubscriptionTable<>();
    final WriteLoop writeLoop = new WriteLoop();
    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perAddress = new ConcurrentHashMap<>();
    /** Value bytes held by frames still arriving, on all connections (maxPendingFrameBytes). */
    final FrameBudget frameBudget;
    /** Warnings any client can cause go through this, so that a flood of bad clients cannot flood the log. */
    final WarnLimiter warnings = new WarnLimiter(LoggerFactory.getLogger(ClientSession.class));
    final WriteRateLimiter registryWrites;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bw2-timer");
        t.setDaemon(true);
        return t;
    });
    private final ThreadLocal<List<Sub>> matchScratch = ThreadLocal.withInitial(ArrayList::new);
    private ServerSocketChannel server;
    /** Every listener (the main one first) and its accept thread. */
    private final List<ServerSocketChannel> servers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<Thread> acceptors = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean closed;
    /** The other routers of the bus; {@link BusLink#LOCAL} for a single router (the default). */
    final BusLink bus;

    public RouterCore(CoreSettings config) {
        this.config = config;
        this.registry = Registry.open(config.dataDir(), config.fsync());
        this.retained = new RetainedStore(registry);
        this.checker = new PermissionChecker(registry);
        this.frameBudget = new FrameBudget(config.maxPendingFrameBytes(), "maxPendingFrameBytes");
        this.registryWrites = new WriteRateLimiter(config.registryWritesPerMinute());
        try {
            this.bus = ClusterBridge.join(this, config);
        } catch (RuntimeException e) {
            registry.close();
            timer.shutdownNow();
            throw e;
        }
        timer.scheduleWithFixedDelay(warnings::flush, 60, 60, TimeUnit.SECONDS);
    }

    public Registry registry() {
        return registry;
    }

    /**
     * Binds the listener and those of {@code alsoListen}, and starts accepting on each; returns the main one's bound
     * port. If any cannot be bound, none stays open.
     */
    public int start() throws IOException {
        try {
            server = listen(config.host(), config.port());
            for (var hp : config.alsoListenAddress()) {
                listen(hp.getKey(), hp.getValue());
            }
        } catch (IOException e) {
            closeListeners();
            throw e;
        }
        for (ServerSocketChannel s : servers) {
            Thread t = new Thread(() -> acceptLoop(s), "bw2-acceptor-" + s.socket().getLocalPort());
            t.setDaemon(true);
            acceptors.add(t);
            t.start();
        }
        LOG.info("BOSSWAVE router listening on {}:{}{}, data in {}", config.host(), port(),
                config.alsoListen().isEmpty() ? "" : " and " + String.join(", ", config.alsoListen()), config.dataDir());
        return port();
    }

    private ServerSocketChannel listen(String host, int port) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        servers.add(s);
        s.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        try {
            s.bind(new InetSocketAddress(host, port), 256);
        } catch (IOException e) {
            throw new IOException(host + ":" + port + ": " + e.getMessage(), e);
        }
        return s;
    }

    private void closeListeners() {
        for (ServerSocketChannel s : servers) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.debug("closing a listener: {}", e.getMessage());
            }
        }
    }

    public int port() {
        return server == null ? -1 : server.socket().getLocalPort();
    }

    private void acceptLoop(ServerSocketChannel server) {
        while (!closed) {
            SocketChannel s;
            String peer;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.error("accept failed: {}", e.getMessage());
                }
                return;
            }
            try {
                peer = String.valueOf(s.getRemoteAddress());
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                s.configureBlocking(false);
            } catch (IOException e) {
                LOG.warn("dropping a connection that failed while being set up: {}", e.getMessage());
                closeQuietly(s);
                continue;
            }
            InetAddress from = s.socket().getInetAddress();
            String refusal = admit(from);
            ClientSession session = new ClientSession(this, s, peer, from, refusal);
            sessions.add(session);
            Thread t = new Thread(session, "bw2-session-" + peer);
            t.setDaemon(true);
            t.start();
        }
    }

    private static void closeQuietly(SocketChannel s) {
        try {
            s.close();
        } catch (IOException e) {
            // already gone
        }
    }

    /**
     * Counts a new connection from {@code from}; null when it may be served, else why not (the session tells the
     * client, then closes). Counted either way, until {@link #sessionEnded}.
     */
    private String admit(InetAddress from) {
        int all = connectionCount.incrementAndGet();
        int mine = perAddress.compute(from, (a, n) -> {
            AtomicInteger c = n == null ? new AtomicInteger() : n;
            c.incrementAndGet();
            return c;
        }).get();
        if (mine > config.maxConnectionsPerAddress()) {
            return "connection limit reached: this router serves at most " + config.maxConnectionsPerAddress()
                    + " connections from one address (maxConnectionsPerAddress)";
        }
        if (all > config.maxConnections()) {
            return "connection limit reached: this router serves at most " + config.maxConnections()
                    + " connections (maxConnections)";
        }
        return null;
    }

    void sessionEnded(ClientSession s) {
        if (sessions.remove(s)) {
            connectionCount.decrementAndGet();
            perAddress.computeIfPresent(s.from, (a, n) -> n.decrementAndGet() == 0 ? null : n);
        }
    }

    /**
     * One publisher's last match: the subscriptions of a URI at a version of the table. Used by one session's steps,
     * one after another.
     */
    static final class LastMatch {
        private String nsB64;
        private String[] elems;
        private long version = -1;
        private Sub[] subs;
    }

    /**
     * As {@link #deliver(String, UriPattern, Delivery)}, skipping the table's lock and walk while the URI (the same
     * strings: a session keeps its resolved target) and the table are unchanged since {@code last}: a pipelining
     * publisher repeats its URI, and the match was 7% of the session thread's samples per 1→1 message.
     */
    int deliver(String nsB64, UriPattern uri, Delivery d, LastMatch last) {
        long v = table.version();
        if (last.version != v || last.nsB64 != nsB64 || last.elems != uri.elems()) {
            List<Sub> found = matchScratch.get();
            found.clear();
            table.match(nsB64, uri.elems(), found);
            last.subs = found.toArray(new Sub[0]);
            found.clear();
            last.nsB64 = nsB64;
            last.elems = uri.elems();
            last.version = v;
        }
        Sub[] subs = last.subs;
        for (Sub s : subs) {
            s.session.deliver(s, d);
        }
        return subs.length;
    }

    /** Hands a message to every matching subscription; returns how many matched. */
    int deliver(String nsB64, UriPattern uri, Delivery d) {
        List<Sub> subs = matchScratch.get();
        subs.clear();
        table.match(nsB64, uri.elems(), subs);
        int n = subs.size();
        for (int i = 0; i < n; i++) {
            Sub s = subs.get(i);
            s.session.deliver(s, d);
        }
        subs.clear();
        return n;
    }

    // ---- the narrow hooks of a clustered router (issue 15); single-router mode: BusLink.LOCAL, one branch each ----

    /** Adds a local subscription; the bus first, so that what other routers publish reaches it from the start. */
    void addSubscription(String nsB64, UriPattern pattern, Sub sub) {
        bus.interest(nsB64, pattern.elems(), true);
        table.add(nsB64, pattern, sub);
    }

    /** Removes a local subscription; true when it was there. */
    boolean removeSubscription(String nsB64, UriPattern pattern, Sub sub) {
        boolean removed = table.remove(nsB64, pattern, sub);
        if (removed) {
            bus.interest(nsB64, pattern.elems(), false);
        }
        return removed;
    }

    /** Hands a message delivered here to the other routers of the bus (after the local delivery). */
    void forward(String nsB64, UriPattern uri, String originVkB64, SignedMessage m) {
        if (bus.clustered()) {
            bus.published(nsB64, uri.elems(), originVkB64, m::encodedShared);
        }
    }

    /** Retains a persisted message: in the data directory, or, when clustered, in the cluster (and its copy here). */
    void retain(String nsB64, UriPattern uri, byte[] originVk, SignedMessage m) throws BwException {
        if (!bus.clustered()) {
            retained.put(nsB64 + "/" + uri.suffix(), originVk, m);
            return;
        }
        try {
            bus.persist(nsB64, uri.elems(), RetainedStore.value(originVk, m));
        } catch (BusLink.ClusterException e) {
            throw new BwException(BwException.PEER_ERROR, e.getMessage());
        }
    }

    /** Before a query or list: a clustered router's copy catches up with what the cluster stored. */
    void syncRetained() {
        if (bus.clustered() && !bus.syncRetained()) {
            warnings.warn("cluster-sync", "answering a query or list from this router's copy of the retained "
                    + "messages, which may lack what other routers persisted lately: the NATS cluster did not answer");
        }
    }

    /** True when at least one subscription would receive a publish on this URI (to skip signing otherwise). */
    boolean hasSubscribers(String nsB64, UriPattern uri) {
        if (bus.clustered()) {
            return true; // another router's subscribers may want it
        }
        List<Sub> subs = matchScratch.get();
        subs.clear();
        table.match(nsB64, uri.elems(), subs);
        boolean any = !subs.isEmpty();
        subs.clear();
        return any;
    }

    /** True when every published message is signed and unpacked results carry umid and signature. */
    boolean signsEveryMessage() {
        return config.signResultsAlways();
    }

    public int subscriptionCount() {
        return table.size();
    }

    @Override
    public void close() {
        closed = true;
        closeListeners();
        for (ClientSession s : sessions) {
            s.close();
        }
        for (Thread acceptor : acceptors) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        timer.shutdownNow();
        writeLoop.close();
        bus.close();
        registry.close();
        LOG.info("BOSSWAVE router stopped");
    }
}
