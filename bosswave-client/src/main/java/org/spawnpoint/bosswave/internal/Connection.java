package org.spawnpoint.bosswave.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.bosswave.wire.MalformedFrameException;

/**
 * One TCP session with an agent: a reader thread that routes replies by seqno to their {@link ReplySink}, and writes
 * serialized under a lock so frames never interleave. Sequence numbers start at 1 on every session, as in bw2bind.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final String address;
    private final Socket socket;
    private final OutputStream out;
    private final FrameReader reader;
    private final Object writeLock = new Object();
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentHashMap<Long, ReplySink> pending = new ConcurrentHashMap<>();
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
     * Assigns the next seqno, registers {@code sink} for its replies and writes the frame. Failures (closed
     * connection, write error) reach the sink, never the caller; encoding errors are thrown before anything is sent.
     */
    long send(Frame.Builder builder, ReplySink sink) {
        long s = nextSeqNo();
        byte[] bytes = FrameCodec.encode(builder.seqNo(s).build());
        pending.put(s, sink);
        ConnectionClosedException closed = closedWith;
        if (closed != null) {
            if (pending.remove(s, sink)) {
                sink.onClosed(closed);
            }
            return s;
        }
        try {
            synchronized (writeLock) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            lost(new ConnectionClosedException("connection to BOSSWAVE agent at " + address + " lost while writing: "
                    + e.getMessage(), e));
        }
        return s;
    }

    /** Forgets the sink of {@code seqNo} without failing it (used after an unsubscribe). */
    void forget(long seqNo, ReplySink sink) {
        pending.remove(seqNo, sink);
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
        for (Long s : pending.keySet()) {
            ReplySink sink = pending.remove(s);
            if (sink != null) {
                try {
                    sink.onClosed(cause);
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
        if (f.seqNo() == 0 && Commands.RESPONSE.equals(f.command()) && "error".equals(f.kv("status"))) {
            agentReason = "[" + f.kv("code") + "] " + f.kv("reason");
            LOG.debug("BOSSWAVE agent at {}: {}", address, agentReason);
            return;
        }
        ReplySink sink = pending.get(f.seqNo());
        if (sink == null) {
            // bw2bind drops frames for seqnos it does not know; so do we (e.g. results racing an unsubscribe).
            LOG.debug("dropping {} for unknown seqno {}", f.command(), f.seqNo());
            return;
        }
        boolean done;
        try {
            done = sink.onFrame(f);
        } catch (RuntimeException e) {
            LOG.warn("reply handler for seqno {} failed", f.seqNo(), e);
            done = true;
        }
        if (done) {
            pending.remove(f.seqNo(), sink);
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
