package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.router.internal.PermissionChecker.Chain;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameLimits;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.bosswave.wire.MalformedFrameException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client connection: a reader thread that handles frames one at a time (so replies keep request order), and a
 * {@link SessionOutput} that any thread writes to. Holds the entity set with {@code sete} and this connection's
 * subscriptions.
 */
final class ClientSession implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);

    final RouterCore core;
    private final SocketChannel socket;
    private final String peer;
    /** The client's address, for the per-address connection count. */
    final InetAddress from;
    /** Why this connection is refused (told to the client, then it is closed); null when it is served. */
    private final String refusal;
    private final SessionOutput writer;
    private final RegistryCommands registryCommands;
    private final Map<String, Sub> subs = new ConcurrentHashMap<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Pipeline pipeline = new Pipeline();
    private volatile EntityKey entity;
    private volatile ChannelInput input;
    /** The connection's decoder; only the reader thread uses it. */
    private FrameReader reader;
    private final RequestResolver resolver;
    /** This session's publishes' last match (used by its steps, one after another). */
    private final RouterCore.LastMatch lastMatch = new RouterCore.LastMatch();
    private long nextMid = Crypto.randomLong() >>> 1;

    ClientSession(RouterCore core, SocketChannel socket, String peer, InetAddress from, String refusal) {
        this.core = core;
        this.socket = socket;
        this.peer = peer;
        this.from = from;
        this.refusal = refusal;
        this.writer = new SessionOutput(socket, core.writeLoop, this::close, maxQueued(core));
        this.registryCommands = new RegistryCommands(this);
        this.resolver = new RequestResolver(core);
    }

    private static int maxQueued(RouterCore core) {
        return Math.max(1 << 18, core.config.subscriptionQueue() * 16);
    }

    @Override
    public void run() {
        try {
            long heloSeq = (Crypto.randomLong() >>> 33);
            writer.send(Frame.builder(Commands.HELLO, heloSeq).kv("version", core.config.version()).build());
            if (refusal != null) {
                core.warnings.warn("refused", "refusing {}: {}", peer, refusal);
                // seqno 0: no request of the client's has one; our client reports this text as the reason of the close
                writer.sendAndClose(Replies.error(0, BwException.BAD_OPERATION, refusal));
                awaitWriter();
                return;
            }
            readLoop();
        } catch (RuntimeException | Error e) {
            // a bug must cost this connection only, never the router
            LOG.error("internal error on the connection from {}; closing it", peer, e);
        } finally {
            close();
        }
    }

    private void readLoop() {
        int max = core.config.maxFrameBytes();
        OutputBatch batch = OutputBatch.begin(writer);
        try {
            int[] timeouts = {core.config.handshakeTimeoutMs(), core.config.frameTimeoutMs(),
                core.config.idleTimeoutMs()};
            input = new ChannelInput(socket, batch::flush, core.config.busyPollMicros(), timeouts,
                    () -> !subs.isEmpty());
            if (closed.get()) {
                input.close();
            }
            // 32 KiB per read (about 125 pipelined publishes), growing to 128 KiB while reads fill it: every
            // connection holds this buffer and the JDK's direct copy of it, but a pipelining publisher's bigger chunks
            // mean bigger batches of output, so fewer reads and writes per message: 1→1 read calls 0.008 -> 0.003 and
            // write calls 0.017 -> 0.007 per message, broker CPU 0.91 -> 0.83 µs (RouterCpuProbe, medians of 10, with
            // SessionOutput's staging at 128 KiB; 64 KiB reads gave 0.88)
            reader = new FrameReader(input, new FrameLimits(max, 10_000, max, 4096), 1 << 15, 1 << 17,
                    core.frameBudget);
            readFrames();
        } catch (ChannelInput.DeadlineException e) {
            long seq = reader == null ? -1 : reader.currentSeqNo();
            core.warnings.warn("timeout", "closing the connection from {}: {}", peer, e.getMessage());
            pipeline.drain();
            writer.sendAndClose(Replies.error(Math.max(0, seq), BwException.BAD_OPERATION, "closing the connection: "
                    + e.getMessage()));
            OutputBatch.end();
            awaitWriter();
        } catch (IOException e) {
            LOG.debug("connection from {}: {}", peer, e.toString());
        } finally {
            OutputBatch.end();
            // its 32 KiB buffer goes with the connection, even while another session's last match
            // (RouterCore.LastMatch) still names one of this connection's ended subscriptions
            reader = null;
        }
    }

    private void readFrames() throws IOException {
        while (!closed.get()) {
            Frame f;
            try {
                f = reader.read();
                input.frameCompleted(reader.buffered() > 0);
            } catch (MalformedFrameException | RuntimeException e) {
                // (a RuntimeException would be a decoder bug: the frame is treated as malformed, the router lives on)
                long seq = reader.currentSeqNo();
                core.warnings.warn("malformed", "malformed frame from {} (seqno {}): {}; closing the connection", peer,
                        seq < 0 ? "unknown" : seq, e instanceof MalformedFrameException ? e.getMessage() : e.toString());
                pipeline.drain();
                // on seqno 0 when the frame's own is unreadable: no request uses 0, and our client reports it
                writer.sendAndClose(Replies.error(Math.max(0, seq), BwException.MALFORMED_OOB_COMMAND,
                        "malformed frame: " + (e instanceof MalformedFrameException ? e.getMessage() : e.toString())));
                OutputBatch.end();
                awaitWriter(); // the error goes out before the connection closes
                return;
            }
            if (f == null) {
                // the client ended its stream (perhaps only half-closed): answer everything read before that
                pipeline.drain();
                OutputBatch.end();
                awaitWriter();
                return;
            }
            boolean persist = f.command().equals(Commands.PERSIST);
            boolean signs = persist || (f.command().equals(Commands.PUBLISH) && core.signsEveryMessage());
            boolean pipelined = !pipeline.idle() || reader.buffered() > 0;
            try {
                if (signs && pipelined && pipeline.acceptsAsync()) {
                    try {
                        publishAsync(f, persist);
                    } catch (BwException e) {
                        pipeline.then(() -> send(Replies.error(f.seqNo(), e.code(), e.reason())));
                    }
                } else if (pipeline.idle()) {
                    // called here, not as a step: a lambda per frame was 24 of the 416 bytes the router allocated
                    // per 1→1 message (async-profiler, event=alloc)
                    pipeline.runningNow();
                    handleSafely(f);
                } else {
                    // queued behind unfinished work: counted, so that a client cannot pile up frames without bound
                    pipeline.then(() -> handleSafely(f), valueBytes(f));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** The value bytes a frame holds (what queuing it costs). */
    static int valueBytes(Frame f) {
        long n = 0;
        for (Frame.Kv kv : f.kvs()) {
            n += kv.value().length;
        }
        for (RoutingObject ro : f.ros()) {
            n += ro.content().length;
        }
        for (PayloadObject po : f.pos()) {
            n += po.content().length;
        }
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private void handleSafely(Frame f) {
        try {
            handle(f);
        } catch (BwException e) {
            writer.send(Replies.error(f.seqNo(), e.code(), e.reason()));
        } catch (RuntimeException e) {
            LOG.error("internal error handling {} from {}", f.command(), peer, e);
            writer.send(Replies.error(f.seqNo(), BwException.BAD_OPERATION, "internal router error: " + e));
        }
    }

    /** Gives a last error a few seconds to go out before the connection is torn down. */
    private void awaitWriter() {
        writer.awaitDrained(5000);
    }

    private void handle(Frame f) throws BwException {
        switch (f.command()) {
            case Commands.SET_ENTITY -> setEntity(f);
            case Commands.PUBLISH -> publish(f, false);
            case Commands.PERSIST -> publish(f, true);
            case Commands.SUBSCRIBE -> subscribe(f);
            case Commands.UNSUBSCRIBE -> unsubscribe(f);
            case Commands.QUERY -> query(f);
            case Commands.LIST -> list(f);
            default -> {
                if (!registryCommands.handle(f)) {
                    throw new BwException(BwException.INVALID_OOB_COMMAND, "Unknown OOB command " + f.command());
                }
            }
        }
    }

    void send(Frame f) {
        writer.send(f);
    }

    /** The client's address and port, for log lines. */
    String peer() {
        return peer;
    }

    /** The entity set with {@code sete}, or null. */
    EntityKey entity() {
        return entity;
    }

    EntityKey requireEntity() throws BwException {
        EntityKey e = entity;
        if (e == null) {
            throw new BwException(BwException.NO_ENTITY, "No entity set");
        }
        return e;
    }

    private void setEntity(Frame f) throws BwException {
        if (f.pos().size() != 1) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected one PO: the key");
        }
        PayloadObject po = f.pos().get(0);
        if (po.type() != RoutingObject.ENTITY_WITH_KEY) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "expected ROEntityWKey");
        }
        this.entity = RegistryCommands.parseKey(po.content());
        send(Replies.okay(f.seqNo(), true).kv("status", "okay").kv("vk", entity.entity().vkB64()).build());
    }

    private synchronized long nextMid() {
        return nextMid++;
    }

    /** A publish that passed every check and only needs its signature, delivery and reply. */
    private record Prepared(Frame f, boolean persist, EntityKey key, Requests.Target target, long mid,
                            List<RoutingObject> ros) {
        SignedMessage sign() {
            SignedMessage m = message(persist, mid, target, ros, f, key);
            m.encodedShared();
            return m;
        }
    }

    /** Signed the first time its signature or encoding is needed. */
    private static SignedMessage message(boolean persist, long mid, Requests.Target target, List<RoutingObject> ros,
                                         Frame f, EntityKey key) {
        return SignedMessage.signedOnDemand(persist ? SignedMessage.PERSIST : SignedMessage.PUBLISH, mid,
                target.ns(), target.pattern().suffix(), ros, f.pos(), key.seed(), key.entity().vkShared());
    }

    /**
     * Without a {@link Prepared}: whether one was allocated per message depended on what C2 inlined (40 bytes per 1→1
     * message once the frame loop called the handler directly, async-profiler event=alloc).
     */
    private void publish(Frame f, boolean persist) throws BwException {
        EntityKey ek = requireEntity();
        RequestResolver.PublishKvs kvs = resolver.publishKvs(f);
        List<RoutingObject> ros = checkPublish(f, persist, ek, kvs);
        if (ros == null) {
            send(Replies.okay(f.seqNo(), true).build());
            return;
        }
        SignedMessage m = message(persist, nextMid(), kvs.target(), ros, f, ek);
        if (persist || core.signsEveryMessage()) {
            m.encodedShared();
        }
        finishPublish(f.seqNo(), persist, ek, kvs.target(), m);
    }

    /** The same as {@link #publish} with the signature computed on a signer thread, replies kept in order. */
    private void publishAsync(Frame f, boolean persist) throws BwException, InterruptedException {
        Prepared p = preparePublish(f, persist);
        if (p == null) {
            pipeline.then(() -> send(Replies.okay(f.seqNo(), true).build()));
            return;
        }
        pipeline.async(valueBytes(f), p::sign, m -> finishPublish(f.seqNo(), persist, p.key, p.target, m), ex -> {
            LOG.error("internal error publishing for {}", peer, ex);
            send(Replies.error(f.seqNo(), BwException.BAD_OPERATION, "internal router error: " + ex));
        });
    }

    private void finishPublish(long seqNo, boolean persist, EntityKey key, Requests.Target target, SignedMessage m) {
        Delivery d = new Delivery(m, key.entity().vkB64Shared(), target.uriUtf8(), core.signsEveryMessage());
        if (persist) {
            try {
                core.retain(target.nsB64(), target.pattern(), key.entity().vk(), m);
            } catch (BwException e) {
                send(Replies.error(seqNo, e.code(), e.reason()));
                return;
            }
        }
        core.deliver(target.nsB64(), target.pattern(), d, lastMatch);
        core.forward(target.nsB64(), target.pattern(), key.entity().vkB64(), m);
        writer.sendShared(Replies.OKAY_FINISHED, seqNo, null);
    }

    /** Every check of a publish; null when nobody listens and nothing is retained (no signature needed). */
    private Prepared preparePublish(Frame f, boolean persist) throws BwException {
        EntityKey ek = requireEntity();
        RequestResolver.PublishKvs kvs = resolver.publishKvs(f);
        List<RoutingObject> ros = checkPublish(f, persist, ek, kvs);
        return ros == null ? null : new Prepared(f, persist, ek, kvs.target(), nextMid(), ros);
    }

    /** Every check of a publish, then its routing objects; null when nobody listens and nothing is retained. */
    private List<RoutingObject> checkPublish(Frame f, boolean persist, EntityKey ek, RequestResolver.PublishKvs kvs)
            throws BwException {
        Requests.Target t = kvs.target();
        Long expiry = kvs.expiry();
        boolean partial = kvs.partial();
        for (PayloadObject po : f.pos()) {
            if (po.type() == 0) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "payload object 0.0.0.0 cannot be sent "
                        + "(it terminates the PO list in a message)");
            }
        }
        Chain chain = resolver.authorize(t, Permissions.P, ek, partial);
        if (expiry != null && expiry < Requests.nowNs()) {
            throw new BwException(BwException.EXPIRED_MESSAGE, "message is expired: "
                    + java.time.Instant.ofEpochSecond(0, expiry));
        }
        List<RoutingObject> ros = resolver.publishRoutingObjects(chain, partial, ek.entity().vkShared(), expiry, f);
        if (!persist && core.signsEveryMessage() && !core.hasSubscribers(t.nsB64(), t.pattern())) {
            // nobody would see it: skip the Ed25519 signature, the dominant cost
            return null;
        }
        return ros;
    }

    private void subscribe(Frame f) throws BwException {
        EntityKey ek = requireEntity();
        Requests.Target t = resolver.target(f);
        Long expiry = Requests.expiry(f);
        boolean partial = Requests.elaboratePartial(f);
        Chain chain = resolver.authorize(t, PermissionChecker.consumePermissions(t.pattern()), ek, partial);
        if (subs.size() >= core.config.maxSubscriptionsPerConnection()) {
            throw new BwException(BwException.BAD_OPERATION, "too many subscriptions: this connection already has "
                    + subs.size() + " (maxSubscriptionsPerConnection)");
        }
        List<RoutingObject> ros = RequestResolver.routingObjects(chain, partial, ek.entity().vk(), expiry, f);
        SignedMessage m = SignedMessage.sign(SignedMessage.SUBSCRIBE, nextMid(), t.ns(), t.pattern().suffix(), ros,
                List.of(), ek.seed(), ek.entity().vk());
        String handle = Crypto.b64(m.umidBytes());
        Sub sub = new Sub(this, f.seqNo(), handle, t.nsB64(), t.pattern(), Frame.parseBool(f.kv("unpack"), false));
        subs.put(handle, sub);
        // In the table before the client can learn of the subscription (no publish after our reply is missed), and
        // the reply queued before any result: deliver() waits on this monitor until the reply is queued.
        synchronized (sub) {
            core.addSubscription(t.nsB64(), t.pattern(), sub);
            send(Frame.builder(Commands.RESPONSE, f.seqNo()).kv("status", "okay").kv("handle", handle)
                    .kv("finished", false).build());
            sub.announced = true;
        }
        if (closed.get()) {
            core.removeSubscription(t.nsB64(), t.pattern(), sub);
        }
    }

    private void unsubscribe(Frame f) throws BwException {
        String handle = f.kv("handle");
        Sub sub = handle == null ? null : subs.get(handle);
        if (sub == null) {
            throw new BwException(BwException.UNSUBSCRIBE_ERROR, "Subscription does not exist");
        }
        send(Replies.okay(f.seqNo(), true).build());
        end(sub);
    }

    /** Removes a subscription and sends its closing {@code rslt finished=true}, once. */
    private void end(Sub sub) {
        if (!sub.ended.compareAndSet(false, true)) {
            return;
        }
        core.removeSubscription(sub.namespace, sub.pattern, sub);
        subs.remove(sub.handle);
        send(Replies.finished(sub.seqNo));
    }

    /** Called from publishing threads: queue the result, or cancel a subscription whose consumer fell too far behind. */
    void deliver(Sub sub, Delivery d) {
        if (sub.ended.get()) {
            return;
        }
        if (!sub.announced) {
            synchronized (sub) {
                // wait until the subscribe reply is queued, so that it precedes this result
            }
        }
        if (sub.pending.incrementAndGet() > core.config.subscriptionQueue()) {
            sub.pending.decrementAndGet();
            core.warnings.warn("slow-consumer", "{} of {} cancelled: the consumer is more than {} results behind",
                    sub, peer, core.config.subscriptionQueue());
            end(sub);
            return;
        }
        if (sub.unpack) {
            writer.sendResult(d, sub.seqNo, sub);
        } else {
            writer.sendShared(d.frame(false), sub.seqNo, sub);
        }
    }

    private void query(Frame f) throws BwException {
        EntityKey ek = requireEntity();
        Requests.Target t = resolver.target(f);
        boolean partial = Requests.elaboratePartial(f);
        resolver.authorize(t, PermissionChecker.consumePermissions(t.pattern()), ek, partial);
        boolean unpack = Frame.parseBool(f.kv("unpack"), false);
        send(Replies.okay(f.seqNo(), false).build());
        core.syncRetained();
        long now = Requests.nowNs();
        for (RetainedStore.Retained r : core.retained.query(t.nsB64(), t.pattern())) {
            SignedMessage m = r.message();
            if (m.expiryNs() < now || !core.checker.chainStillValid(m.chainDotHashes(), now)) {
                continue;
            }
            writer.sendShared(new Delivery(m, Crypto.b64(r.originVk()), r.uri(), true).frame(unpack), f.seqNo(), null);
        }
        send(Replies.finished(f.seqNo()));
    }

    private void list(Frame f) throws BwException {
        EntityKey ek = requireEntity();
        Requests.Target t = resolver.target(f);
        if (t.pattern().hasWildcard()) {
            throw new BwException(BwException.BAD_OPERATION, "bad OP with wildcard");
        }
        boolean partial = Requests.elaboratePartial(f);
        resolver.authorize(t, Permissions.L, ek, partial);
        send(Replies.okay(f.seqNo(), false).build());
        core.syncRetained();
        for (String child : core.retained.children(t.nsB64(), t.pattern().suffix())) {
            send(Frame.builder(Commands.RESULT, f.seqNo()).kv("finished", false).kv("child", child).build());
        }
        send(Replies.finished(f.seqNo()));
    }

    /** Ends the connection: every subscription goes, the socket closes; idempotent. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (writer.overflowed()) {
            core.warnings.warn("overflow", "dropping {}: more than {} frames queued that it does not read", peer,
                    maxQueued(core));
        }
        for (Sub s : subs.values()) {
            s.ended.set(true);
            core.removeSubscription(s.namespace, s.pattern, s);
        }
        subs.clear();
        writer.close();
        try {
            socket.close();
            ChannelInput in = input;
            if (in != null) {
                in.close();
            }
        } catch (IOException e) {
            LOG.debug("closing {}: {}", peer, e.getMessage());
        }
        core.sessionEnded(this);
    }
}
