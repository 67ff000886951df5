package org.spawnpoint.bosswave.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.bosswave.wire.MalformedFrameException;

/**
 * One TCP session with an agent: a reader thread that routes replies by seqno to their {@link ReplySink}, and writes
 * serialized under a lock so frames never interleave. Sequence numbers start at 1 on every session, as in bw2bind.
 *
 * <p>Nothing waits forever: the shared timer ({@link Timers}) fails each request whose deadline passed, and probes an
 * agent that has sent nothing for {@code livenessInterval} with a {@code bcip}; when nothing at all arrives for
 * {@code livenessInterval + livenessTimeout}, the session is treated as lost, which also unblocks a write stuck on a
 * full socket buffer (closing the socket makes it throw).
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    /** Probe writes may block on a full socket buffer, so they never run on the shared timer thread. */
    private static final ExecutorService PROBES = Executors.newCachedThreadPool(
            DefaultBosswaveClient.daemonThreads("bosswave-probe"));
    /** Deadlines are checked this often at most; finer when a configured timeout is short (tests). */
    private static final long MAX_SWEEP_MS = 250;

    private final String address;
    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private final ClientOptions options;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentHashMap<Long, Pending> pending = new ConcurrentHashMap<>();
    private volatile long lastReceived = System.nanoTime();
    /** When the last liveness probe was sent; a new one only after a frame arrived since. */
    private volatile long lastProbe = lastReceived - 1;
    private volatile ScheduledFuture<?> sweeper;
    private final CompletableFuture<String> hello = new CompletableFuture<>();
    private final Consumer<ConnectionClosedException> onLost;
    private volatile ConnectionClosedException closedWith;
    /** Set once the helo arrived; before that a failure belongs to {@link #open}, not to {@code onLost}. */
    private volatile boolean established;
    private String agentVersion;
    /**
     * Why the agent is closing the connection, when it said so: an error {@code resp} on seqno 0, which no request
     * of ours uses (a router refusing a connection or timing it out sends one before it closes).
     */
    private volatile String agentReason;

    private Connection(String address, Socket socket, ClientOptions options, Consumer<ConnectionClosedException> onLost)
            throws IOException {
        this.address = address;
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new FrameReader(socket.getInputStream(), options.frameLimits());
        this.options = options;
        this.onLost = onLost;
    }

    /**
     * Connects and waits for the agent's {@code helo}. {@code onLost} runs once, on the reader thread, if the session
     * later ends for any reason other than {@link #close}.
     */
    static Connection open(String address, ClientOptions options, Consumer<ConnectionClosedException> onLost) {
        InetSocketAddress target = parseAddress(address);
        long timeoutMs = options.helloTimeout().toMillis();
        Socket socket = new Socket();
        Connection c;
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(target, (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeoutMs)));
            c = new Connection(address, socket, options, onLost);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ConnectionClosedException("cannot connect to BOSSWAVE agent at " + address + ": " + e.getMessage(), e);
        }
        Thread t = new Thread(c::readLoop, "bosswave-reader-" + address);
        t.setDaemon(true);
        t.start();
        try {
            c.agentVersion = c.hello.get(timeoutMs, TimeUnit.MILLISECONDS);
            c.startSweeper();
            return c;
        } catch (TimeoutException e) {
            c.close(new ConnectionClosedException("no helo from BOSSWAVE agent at " + address + " within "
                    + options.helloTimeout().toMillis() + " ms; is something else listening on that port?"));
            throw new ConnectionClosedException("no helo from BOSSWAVE agent at " + address + " within "
                    + options.helloTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            c.close(new ConnectionClosedException("helo failed"));
            Throwable cause = e.getCause();
            throw cause instanceof BosswaveException be ? be
                    : new ConnectionClosedException("helo from " + address + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.close(new ConnectionClosedException("interrupted while waiting for helo"));
            throw new ConnectionClosedException("interrupted while waiting for helo from " + address);
        }
    }

    static InetSocketAddress parseAddress(String address) {
        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new IllegalArgumentException("agent address '" + address + "' must be host:port");
        }
        String host = address.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("agent address '" + address + "': port must be a number 1..65535");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("agent address '" + address + "': port must be 1..65535, got " + port);
        }
        return new InetSocketAddress(host, port);
    }

    String address() {
        return address;
    }

    String agentVersion() {
        return agentVersion;
    }

    boolean isOpen() {
        return closedWith == null;
    }

    /**
     * Assigns the next seqno, registers {@code sink} for its replies under {@code request}'s deadline and writes the
     * frame. Failures (closed connection, write error, deadline) reach the sink, never the caller; encoding errors are
     * thrown before anything is sent.
     */
    long send(Frame.Builder builder, ReplySink sink, Request request) {
        long s = nextSeqNo();
        byte[] bytes = FrameCodec.encode(builder.seqNo(s).build());
        Duration timeout = timeoutOf(request);
        Pending p = new Pending(sink, request.what(), timeout, request.untilAccepted(), System.nanoTime());
        pending.put(s, p);
        ConnectionClosedException closed = closedWith;
        if (closed != null) {
            if (pending.remove(s, p)) {
                sink.onClosed(closed);
            }
            return s;
        }
        writeLock.lock();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            lost(new ConnectionClosedException("connection to BOSSWAVE agent at " + address + " lost while writing: "
                    + e.getMessage(), e));
        } finally {
            writeLock.unlock();
        }
        return s;
    }

    /** The deadline of {@code request}: its own, else the client's default. */
    Duration timeoutOf(Request request) {
        Duration t = request.timeout();
        return t != null && !t.isNegative() && !t.isZero() ? t : options.requestTimeout();
    }

    /** Forgets the sink of {@code seqNo} without failing it (used after an unsubscribe). */
    void forget(long seqNo, ReplySink sink) {
        Pending p = pending.get(seqNo);
        if (p != null && p.sink == sink) {
            pending.remove(seqNo, p);
        }
    }

    private void startSweeper() {
        long shortest = Math.min(options.requestTimeout().toMillis(), options.livenessTimeout().toMillis());
        long period = Math.max(10, Math.min(MAX_SWEEP_MS, shortest / 4));
        sweeper = Timers.timer().scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
        if (closedWith != null) {
            sweeper.cancel(false);
        }
    }

    /** On the timer thread: fails requests past their deadline, probes an idle agent, drops a silent one. */
    void sweep() {
        try {
            long now = System.nanoTime();
            for (Map.Entry<Long, Pending> e : pending.entrySet()) {
                Pending p = e.getValue();
                if (p.expired(now) && pending.remove(e.getKey(), p)) {
                    p.sink.onTimeout(new RequestTimeoutException(address, p.what, p.timeout));
                }
            }
            long idle = now - lastReceived;
            long interval = options.livenessInterval().toNanos();
            if (idle > interval + options.livenessTimeout().toNanos()) {
                lost(new ConnectionClosedException("BOSSWAVE agent at " + address + " sent nothing for "
                        + TimeUnit.NANOSECONDS.toMillis(idle) + " ms and did not answer a liveness probe; the "
                        + "connection is treated as lost (router stopped, or the network between us is down)"));
            } else if (idle > interval && lastProbe - lastReceived < 0) {
                lastProbe = now;
                PROBES.execute(this::probe);
            }
        } catch (RuntimeException e) {
            LOG.warn("deadline sweep for {} failed", address, e);
        }
    }

    /** Sends {@code bcip}: every BOSSWAVE agent answers it, with or without an entity; any answer proves liveness. */
    private void probe() {
        if (closedWith != null) {
            return;
        }
        send(Frame.builder(Commands.BC_PARAMS, 0), LivenessProbe.INSTANCE,
                Request.of("liveness probe", options.livenessTimeout()));
    }

    private long nextSeqNo() {
        while (true) {
            long s = seq.updateAndGet(v -> v >= Frame.MAX_SEQNO ? 1 : v + 1);
            if (!pending.containsKey(s)) {
                return s;
            }
        }
    }

    /** Closes the socket on purpose; every pending request and subscription fails with {@code cause}. */
    void close(ConnectionClosedException cause) {
        shutdown(cause);
    }

    private void lost(ConnectionClosedException cause) {
        if (shutdown(cause) && established) {
            onLost.accept(cause);
        }
    }

    /** Returns true for the call that actually shut the session down. */
    private boolean shutdown(ConnectionClosedException cause) {
        synchronized (this) {
            if (closedWith != null) {
                return false;
            }
            closedWith = cause;
        }
        closeQuietly(socket);
        hello.completeExceptionally(cause);
        ScheduledFuture<?> sw = sweeper;
        if (sw != null) {
            sw.cancel(false);
        }
        for (Long s : pending.keySet()) {
            Pending p = pending.remove(s);
            if (p != null) {
                try {
                    p.sink.onClosed(cause);
                } catch (RuntimeException e) {
                    LOG.warn("failing request {} after connection end", s, e);
                }
            }
        }
        return true;
    }

    private void readLoop() {
        try {
            Frame first = reader.read();
            if (first == null) {
                lost(new ConnectionClosedException("BOSSWAVE agent at " + address + " closed the connection before its helo"));
                return;
            }
            if (!Commands.HELLO.equals(first.command())) {
                BosswaveException bad = new ConnectionClosedException("BOSSWAVE agent at " + address
                        + " sent '" + first.command() + "' as its first frame; expected 'helo'");
                hello.completeExceptionally(bad);
                shutdown(new ConnectionClosedException(bad.getMessage()));
                return;
            }
            String version = first.kv("version");
            if (version == null) {
                BosswaveException bad = new ConnectionClosedException("BOSSWAVE agent at " + address
                        + " sent a helo without the 'version' kv");
                hello.completeExceptionally(bad);
                shutdown(new ConnectionClosedException(bad.getMessage()));
                return;
            }
            established = true;
            hello.complete(version);
            for (Frame f = reader.read(); f != null; f = reader.read()) {
                dispatch(f);
            }
            String reason = agentReason;
            lost(new ConnectionClosedException("BOSSWAVE agent at " + address + " closed the connection"
                    + (reason == null ? "" : ": " + reason)));
        } catch (MalformedFrameException e) {
            LOG.error("malformed frame from BOSSWAVE agent at {}: {}", address, e.getMessage());
            lost(new ConnectionClosedException("malformed frame from BOSSWAVE agent at " + address + ": "
                    + e.getMessage(), e));
        } catch (IOException e) {
            String reason = agentReason;
            lost(new ConnectionClosedException("connection to BOSSWAVE agent at " + address + " lost: "
                    + (reason == null ? e.getMessage() : reason), e));
        } catch (RuntimeException | Error e) {
            LOG.error("reader thread for {} failed", address, e);
            lost(new ConnectionClosedException("reader for BOSSWAVE agent at " + address + " failed: " + e, e));
        }
    }

    private void dispatch(Frame f) {
        long now = System.nanoTime();
        lastReceived = now;
        if (f.seqNo() == 0 && Commands.RESPONSE.equals(f.command()) && "error".equals(f.kv("status"))) {
            agentReason = "[" + f.kv("code") + "] " + f.kv("reason");
            LOG.debug("BOSSWAVE agent at {}: {}", address, agentReason);
            return;
        }
        Pending p = pending.get(f.seqNo());
        if (p == null) {
            // bw2bind drops frames for seqnos it does not know; so do we (e.g. results racing an unsubscribe).
            LOG.debug("dropping {} for unknown seqno {}", f.command(), f.seqNo());
            return;
        }
        p.answered(now);
        boolean done;
        try {
            done = p.sink.onFrame(f);
        } catch (RuntimeException e) {
            LOG.warn("reply handler for seqno {} failed", f.seqNo(), e);
            done = true;
        }
        if (done) {
            pending.remove(f.seqNo(), p);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is best effort; the reader notices either way
        }
    }
}
