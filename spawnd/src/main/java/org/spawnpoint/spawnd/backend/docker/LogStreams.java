package org.spawnpoint.spawnd.backend.docker;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.BackendException;

/**
 * Follows the output of many containers on one thread: each stream is its own connection to the engine's Unix
 * socket ({@code GET /containers/{id}/logs?follow=1}), and one selector reads them all. docker-java would keep a
 * thread and a pooled HTTP connection per followed container for as long as it runs, which is most of a daemon's
 * per-service memory; everything else still goes through docker-java.
 *
 * <p>The consumers of a stream run on the reading thread, so they must not block (spawnd only queues the lines
 * for publishing).
 */
final class LogStreams implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogStreams.class);
    private static final Pattern CONTAINER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private final UnixDomainSocketAddress engine;
    private final Queue<Stream> opened = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(32 * 1024);
    private Selector selector;
    private Thread thread;
    private volatile boolean closed;

    LogStreams(Path engineSocket) {
        this.engine = UnixDomainSocketAddress.of(engineSocket);
    }

    /**
     * Starts following a container's output from {@code since} (whole seconds are sent to the engine; the
     * follower drops what is not after {@code since}).
     *
     * @return closes the stream; the follower's end action then does not run. If the engine cannot be reached,
     *     the stream ends at once, as one that breaks later does.
     * @throws BackendException if this is closed
     */
    AutoCloseable follow(String containerId, Instant since, LogFollower follower) {
        if (containerId == null || !CONTAINER_ID.matcher(containerId).matches()) {
            throw new IllegalArgumentException("containerId '" + containerId + "': expected a Docker container id");
        }
        String request = "GET /containers/" + containerId + "/logs?follow=1&stdout=1&stderr=1&timestamps=1"
                + (since != null ? "&since=" + Math.max(0, since.getEpochSecond()) : "")
                + " HTTP/1.1\r\nHost: docker\r\nUser-Agent: spawnd\r\n\r\n";
        SocketChannel channel = null;
        String failure = null;
        try {
            channel = SocketChannel.open(engine);
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
        } catch (IOException e) {
            // As with a stream that breaks later: the follower's end action runs (on the reading thread).
            closeQuietly(channel);
            channel = null;
            failure = "cannot connect to the engine at " + engine.getPath() + ": " + e;
        }
        Stream stream = new Stream(containerId, channel, follower, failure);
        synchronized (this) {
            if (closed) {
                closeQuietly(channel);
                throw new BackendException("cannot follow the output of " + containerId + ": the backend is closed");
            }
            startThread();
            opened.add(stream);
        }
        selector.wakeup();
        return stream;
    }

    private void startThread() {
        if (thread != null) {
            return;
        }
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new BackendException("cannot open a selector for container output: " + e.getMessage(), e);
        }
        thread = new Thread(null, this::run, "spawnd-docker-logs", 256 * 1024);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
            } catch (IOException e) {
                LOG.warn("Reading container output failed: {}", e.toString());
                return;
            }
            for (Stream s; (s = opened.poll()) != null; ) {
                s.register();
            }
            for (SelectionKey key : selector.selectedKeys()) {
                ((Stream) key.attachment()).read();
            }
            selector.selectedKeys().clear();
        }
        for (SelectionKey key : selector.keys()) {
            closeQuietly(key.channel());
        }
        closeQuietly(selector);
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        if (selector != null) {
            selector.wakeup();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // being abandoned
            }
        }
    }

    /** One followed container: its connection, the response decoder and the follower its lines go to. */
    private final class Stream implements AutoCloseable {
        private final String containerId;
        private final SocketChannel channel;
        private final LogFollower follower;
        private final LogStreamDecoder decoder;
        private final String connectFailure;
        private volatile boolean closedByCaller;
        private boolean ended;

        Stream(String containerId, SocketChannel channel, LogFollower follower, String connectFailure) {
            this.containerId = containerId;
            this.channel = channel;
            this.follower = follower;
            this.decoder = new LogStreamDecoder(follower::accept);
            this.connectFailure = connectFailure;
        }

        /** On the reading thread. */
        void register() {
            if (connectFailure != null || closedByCaller) {
                end(connectFailure);
                return;
            }
            try {
                channel.register(selector, SelectionKey.OP_READ, this);
            } catch (IOException | RuntimeException e) {
                end(e.toString());
            }
        }

        /** On the reading thread, when the engine sent something or closed the connection. */
        void read() {
            if (ended) {
                return;
            }
            try {
                buffer.clear();
                int n = channel.read(buffer);
                if (n < 0) {
                    decoder.endOfInput();
                    end(null);
                } else if (decoder.feed(buffer.array(), 0, n)) {
                    end(null);
                }
            } catch (IOException | RuntimeException e) {
                end(e.getMessage());
            }
        }

        private void end(String failure) {
            ended = true;
            closeQuietly(channel);
            if (closedByCaller) {
                return;
            }
            if (failure != null) {
                LOG.debug("Output stream of {} ended: {}", containerId, failure);
            }
            follower.end();
        }

        @Override
        public void close() {
            closedByCaller = true;
            follower.closedByCaller();
            // Closing deregisters the channel from the selector at its next wake-up.
            closeQuietly(channel);
            selector.wakeup();
        }
    }
}
