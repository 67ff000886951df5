package org.spawnpoint.bosswave.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Chain;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.ConnectionListener;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.CreatedDot;
import org.spawnpoint.bosswave.CreatedEntity;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.MessageHandler;
import org.spawnpoint.bosswave.MetadataTuple;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;

/** The client behind {@link org.spawnpoint.bosswave.Bosswave#connect}: requests, subscriptions, reconnection. */
public final class DefaultBosswaveClient implements BosswaveClient {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultBosswaveClient.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ClientOptions options;
    private final String address;
    private final Executor executor;
    private final ExecutorService ownedExecutor;
    /** Listener events in the order they happened, whatever the executor. */
    private final SerialExecutor events;
    private final Set<SubscriptionImpl> subscriptions = ConcurrentHashMap.newKeySet();
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final Object heartbeatLock = new Object();
    private ScheduledExecutorService heartbeats;
    private volatile Connection connection;
    private volatile boolean closed;
    private volatile Thread reconnectThread;
    private volatile byte[] entityBlob;
    private volatile String entityVk;

    private DefaultBosswaveClient(ClientOptions options) {
        this.options = options;
        this.address = options.resolvedAddress();
        if (options.callbackExecutor() != null) {
            this.executor = options.callbackExecutor();
            this.ownedExecutor = null;
        } else {
            this.ownedExecutor = Executors.newCachedThreadPool(daemonThreads("bosswave-callback"));
            this.executor = ownedExecutor;
        }
        this.events = new SerialExecutor(executor);
    }

    /** Connects and waits for the agent's helo (bosswave-oob.md §1.1). */
    public static DefaultBosswaveClient connect(ClientOptions options) {
        DefaultBosswaveClient c = new DefaultBosswaveClient(options);
        try {
            c.connection = Connection.open(c.address, options, c::onConnectionLost);
        } catch (RuntimeException e) {
            if (c.ownedExecutor != null) {
                c.ownedExecutor.shutdown();
            }
            throw e;
        }
        LOG.debug("connected to BOSSWAVE agent {} version {}", c.address, c.connection.agentVersion());
        return c;
    }

    static ThreadFactory daemonThreads(String prefix) {
        return r -> {
            Thread t = new Thread(r, prefix + "-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The resolved {@code host:port} this client talks to. */
    public String address() {
        return address;
    }

    @Override
    public String agentVersion() {
        return connection.agentVersion();
    }

    // ---------------------------------------------------------------- identity

    @Override
    public String setEntity(byte[] keyBlob) {
        byte[] blob = keyBlob.clone();
        Frame reply = call(CommandFrames.setEntity(blob), "set entity");
        String vk = reply.kv("vk");
        if (vk == null) {
            throw new BosswaveException("agent at " + address + " accepted the entity but its reply has no 'vk'");
        }
        entityBlob = blob;
        entityVk = vk;
        return vk;
    }

    @Override
    public String setEntityFile(Path keyFile) {
        byte[] file;
        try {
            file = Files.readAllBytes(keyFile);
        } catch (IOException e) {
            throw new BosswaveException("cannot read entity key file " + keyFile + ": " + e, e);
        }
        if (file.length < 2) {
            throw new BosswaveException("entity key file " + keyFile + " is too short (" + file.length
                    + " bytes); expected 0x32 followed by SK and entity, as 'bw2 mke' writes");
        }
        // The first byte is the RO type (0x32); bw2bind drops it without checking, and so do we.
        return setEntity(Arrays.copyOfRange(file, 1, file.length));
    }

    @Override
    public String setEntityFromEnvironment() {
        return setEntityFromEnvironment(System::getenv);
    }

    /** As {@link #setEntityFromEnvironment()}, reading variables through {@code env} (for tests). */
    public String setEntityFromEnvironment(Function<String, String> env) {
        String path = env.apply("BW2_DEFAULT_ENTITY");
        if (path == null || path.isBlank()) {
            throw new BosswaveException("$BW2_DEFAULT_ENTITY is not set; it must name an entity key file (as made by 'bw2 mke')");
        }
        Path p = Path.of(path);
        if (!Files.isReadable(p)) {
            throw new BosswaveException("$BW2_DEFAULT_ENTITY names " + path + ", which does not exist or is not readable");
        }
        return setEntityFile(p);
    }

    @Override
    public String entityVk() {
        return entityVk;
    }

    // ---------------------------------------------------------------- publish / subscribe / query / list

    @Override
    public void publish(PublishParams params) {
        call(CommandFrames.publish(params, params.autoChain()), (params.persist() ? "persist to " : "publish to ") + params.uri());
    }

    @Override
    public CompletableFuture<Void> publishAsync(PublishParams params) {
        Replies.OneShot sink = new Replies.OneShot();
        connection.send(CommandFrames.publish(params, params.autoChain()), sink);
        return onCallbackExecutor(sink.future.thenApply(f -> null));
    }

    @Override
    public Subscription subscribe(SubscribeParams params, MessageHandler handler) {
        SubscriptionImpl sub = new SubscriptionImpl(this, params, params.autoChain(), handler, new SerialExecutor(executor));
        subscriptions.add(sub);
        try {
            sub.establish(connection);
        } catch (RuntimeException e) {
            subscriptions.remove(sub);
            throw e;
        }
        return sub;
    }

    @Override
    public List<Message> query(QueryParams params) {
        return await(queryFuture(params), "query " + params.uri());
    }

    @Override
    public CompletableFuture<List<Message>> queryAsync(QueryParams params) {
        return onCallbackExecutor(queryFuture(params));
    }

    /** The query's future completed on the reader thread: for internal callers that block on it. */
    CompletableFuture<List<Message>> queryFuture(QueryParams params) {
        Replies.Collecting sink = new Replies.Collecting(Commands.QUERY);
        connection.send(CommandFrames.subscribeOrQuery(Commands.QUERY, params, params.autoChain()), sink);
        return sink.future.thenApply(frames -> {
            List<Message> out = new ArrayList<>();
            for (Frame f : frames) {
                Message m = Commands.RESULT.equals(f.command()) ? Replies.message(f) : null;
                if (m != null) {
                    out.add(m);
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Message> queryOne(QueryParams params) {
        List<Message> all = query(params);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    @Override
    public List<String> list(ListParams params) {
        List<Frame> frames = collect(CommandFrames.list(params, params.autoChain()), "list " + params.uri());
        List<String> children = new ArrayList<>();
        for (Frame f : frames) {
            String child = f.kv("child");
            if (child != null) {
                children.add(child);
            }
        }
        return children;
    }

    void unsubscribe(Connection c, String handle) {
        Replies.OneShot sink = new Replies.OneShot();
        c.send(CommandFrames.unsubscribe(handle), sink);
        await(sink.future, "unsubscribe " + handle);
    }

    // ---------------------------------------------------------------- entities, DOTs, chains

    @Override
    public CreatedEntity createEntity(CreateEntityParams params) {
        Frame f = call(CommandFrames.makeEntity(params), "create entity");
        if (f.pos().size() != 1 || f.kv("vk") == null) {
            throw new BosswaveException("bad reply to make: expected a vk and one PO, got " + f);
        }
        return new CreatedEntity(f.kv("vk"), f.pos().get(0).content());
    }

    @Override
    public CreatedDot createDot(CreateDotParams params) {
        Frame f = call(CommandFrames.makeDot(params), "create DOT on " + params.uri());
        if (f.pos().size() != 1 || f.kv("hash") == null) {
            throw new BosswaveException("bad reply to makd: expected a hash and one PO, got " + f);
        }
        return new CreatedDot(f.kv("hash"), f.pos().get(0).content());
    }

    @Override
    public List<Chain> buildChain(String uri, String permissions, String toVk) {
        List<Frame> frames = collect(CommandFrames.buildChain(uri, permissions, toVk), "build chain on " + uri);
        List<Chain> chains = new ArrayList<>();
        for (Frame f : frames) {
            String hash = f.kv("hash");
            if (hash != null && !hash.isEmpty()) {
                byte[] content = f.pos().isEmpty() ? new byte[0] : f.pos().get(0).content();
                chains.add(new Chain(hash, f.kv("permissions"), f.kv("uri"), content));
            }
        }
        return chains;
    }

    // ---------------------------------------------------------------- metadata and services

    @Override
    public void setMetadata(String uri, String key, String value) {
        Metadata.set(this, uri, key, value);
    }

    @Override
    public void deleteMetadata(String uri, String key) {
        Metadata.delete(this, uri, key);
    }

    @Override
    public Map<String, MetadataTuple> getMetadata(String uri) {
        return Metadata.get(this, uri);
    }

    @Override
    public Optional<MetadataTuple> getMetadataKey(String uri, String key) {
        return Metadata.getKey(this, uri, key);
    }

    @Override
    public Service registerService(String baseUri, String name) {
        return registerService(baseUri, name, Duration.ofSeconds(1), Duration.ofSeconds(10));
    }

    /** As {@link #registerService(String, String)} with other heartbeat timings (for tests). */
    public Service registerService(String baseUri, String name, Duration firstBeat, Duration interval) {
        ScheduledExecutorService s;
        synchronized (heartbeatLock) {
            if (closed) {
                throw new ConnectionClosedException("client is closed");
            }
            if (heartbeats == null) {
                heartbeats = Executors.newSingleThreadScheduledExecutor(daemonThreads("bosswave-heartbeat"));
            }
            s = heartbeats;
        }
        return new ServiceImpl(this, baseUri, name, s, firstBeat, interval);
    }

    // ---------------------------------------------------------------- raw requests

    @Override
    public CompletableFuture<List<Frame>> request(Frame.Builder frame) {
        String command = frame.build().command();
        Replies.Collecting sink = new Replies.Collecting(command);
        connection.send(frame, sink);
        return onCallbackExecutor(sink.future);
    }

    Frame call(Frame.Builder b, String what) {
        Replies.OneShot sink = new Replies.OneShot();
        connection.send(b, sink);
        return await(sink.future, what);
    }

    private List<Frame> collect(Frame.Builder b, String what) {
        String command = b.build().command();
        Replies.Collecting sink = new Replies.Collecting(command);
        connection.send(b, sink);
        return await(sink.future, what);
    }

    /** Waits for a reply future, rethrowing its failure with this thread's stack (the original as cause). */
    static <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BosswaveException("interrupted while waiting to " + what);
        }
    }

    static RuntimeException rethrow(Throwable c) {
        if (c instanceof RouterErrorException r) {
            RouterErrorException copy = new RouterErrorException(r.code(), r.reason());
            copy.initCause(r);
            return copy;
        }
        if (c instanceof ConnectionClosedException cc) {
            return new ConnectionClosedException(cc.getMessage(), cc);
        }
        if (c instanceof BosswaveException b) {
            return new BosswaveException(b.getMessage(), b);
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new BosswaveException(String.valueOf(c), c);
    }

    /** A future completed on the callback executor, so user continuations never run on the reader thread. */
    private <T> CompletableFuture<T> onCallbackExecutor(CompletableFuture<T> inner) {
        CompletableFuture<T> out = new CompletableFuture<>();
        inner.whenComplete((v, e) -> {
            Runnable r = () -> {
                if (e != null) {
                    Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                            ? e.getCause() : e;
                    out.completeExceptionally(cause);
                } else {
                    out.complete(v);
                }
            };
            try {
                executor.execute(r);
            } catch (RejectedExecutionException x) {
                r.run();
            }
        });
        return out;
    }

    // ---------------------------------------------------------------- connection lifecycle

    @Override
    public void addConnectionListener(ConnectionListener listener) {
        listeners.add(listener);
    }

    private void fire(ConnectionListener.Event event, String detail) {
        for (ConnectionListener l : listeners) {
            events.execute(() -> l.onEvent(event, detail));
        }
    }

    boolean willReconnect() {
        return options.autoReconnect() && !closed;
    }

    void forget(SubscriptionImpl sub) {
        subscriptions.remove(sub);
    }

    private void onConnectionLost(ConnectionClosedException cause) {
        if (closed) {
            return;
        }
        LOG.warn("{}", cause.getMessage());
        fire(ConnectionListener.Event.DISCONNECTED, cause.getMessage());
        if (!options.autoReconnect()) {
            return;
        }
        if (reconnecting.compareAndSet(false, true)) {
            Thread t = new Thread(this::reconnectLoop, "bosswave-reconnect-" + address);
            t.setDaemon(true);
            reconnectThread = t;
            t.start();
        }
    }

    /** Backs off between attempts, then restores the entity and every live subscription on the new connection. */
    private void reconnectLoop() {
        long delay = Math.max(1, options.reconnectMinDelay().toMillis());
        long max = Math.max(delay, options.reconnectMaxDelay().toMillis());
        int attempt = 0;
        while (!closed) {
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
            }
            attempt++;
            Connection c = null;
            try {
                c = Connection.open(address, options, this::onConnectionLost);
                byte[] blob = entityBlob;
                if (blob != null) {
                    Replies.OneShot sink = new Replies.OneShot();
                    c.send(CommandFrames.setEntity(blob), sink);
                    await(sink.future, "set the entity again after reconnecting");
                }
                synchronized (this) {
                    if (closed) {
                        c.close(new ConnectionClosedException("client closed while reconnecting"));
                        break;
                    }
                    connection = c;
                }
                int restored = 0;
                for (SubscriptionImpl sub : subscriptions) {
                    if (sub.connection() == c) {
                        continue;
                    }
                    try {
                        sub.establish(c);
                        restored++;
                    } catch (RouterErrorException e) {
                        LOG.warn("could not re-establish subscription to {} after reconnecting: {}", sub.uri(), e.getMessage());
                        sub.finish(e);
                    }
                }
                if (!c.isOpen()) {
                    throw new ConnectionClosedException("connection lost again while restoring subscriptions");
                }
                reconnecting.set(false);
                LOG.info("reconnected to BOSSWAVE agent at {} after {} attempt(s); {} subscription(s) restored",
                        address, attempt, restored);
                fire(ConnectionListener.Event.RECONNECTED, "reconnected to " + address + " (agent "
                        + c.agentVersion() + "), " + restored + " subscription(s) restored");
                if (!c.isOpen() && !closed && reconnecting.compareAndSet(false, true)) {
                    continue;
                }
                return;
            } catch (BosswaveException e) {
                LOG.info("reconnecting to {} (attempt {}) failed: {}", address, attempt, e.getMessage());
                if (c != null) {
                    c.close(new ConnectionClosedException("reconnection attempt failed: " + e.getMessage()));
                }
                delay = Math.min(max, delay * 2);
            }
        }
        reconnecting.set(false);
    }

    @Override
    public void close() {
        ConnectionClosedException cause = new ConnectionClosedException("connection to BOSSWAVE agent at " + address
                + " was closed by this client");
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        Thread r = reconnectThread;
        if (r != null) {
            r.interrupt();
        }
        synchronized (heartbeatLock) {
            if (heartbeats != null) {
                heartbeats.shutdownNow();
            }
        }
        connection.close(cause);
        // Subscriptions kept for a reconnection that will now never happen.
        for (SubscriptionImpl sub : List.copyOf(subscriptions)) {
            sub.finish(cause);
        }
        fire(ConnectionListener.Event.CLOSED, cause.getMessage());
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
