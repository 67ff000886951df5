package org.spawnpoint.spawnd.backend.docker;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP front for the engine's Unix socket that a test can cut: {@link #cut()} drops every connection and stops
 * listening, as an engine restart does; {@link #resume()} listens again on the same port.
 */
final class EngineProxy implements AutoCloseable {
    private final Path engineSocket;
    private final List<SocketChannel> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocketChannel server;
    private int port;

    EngineProxy(Path engineSocket) throws IOException {
        this.engineSocket = engineSocket;
        listen(0);
    }

    /** {@code tcp://127.0.0.1:<port>}, for docker-java. */
    String dockerHost() {
        return "tcp://127.0.0.1:" + port;
    }

    synchronized void cut() throws IOException {
        server.close();
        for (SocketChannel c : open) {
            c.close();
        }
        open.clear();
    }

    synchronized void resume() throws IOException {
        listen(port);
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private void listen(int wantedPort) throws IOException {
        ServerSocketChannel s = ServerSocketChannel.open();
        s.setOption(java.net.StandardSocketOptions.SO_REUSEADDR, true);
        s.bind(new InetSocketAddress("127.0.0.1", wantedPort));
        port = ((InetSocketAddress) s.getLocalAddress()).getPort();
        server = s;
        Thread accept = new Thread(() -> acceptLoop(s), "engine-proxy-accept");
        accept.setDaemon(true);
        accept.start();
    }

    private void acceptLoop(ServerSocketChannel s) {
        while (s.isOpen()) {
            try {
                SocketChannel client = s.accept();
                SocketChannel engine = SocketChannel.open(StandardProtocolFamily.UNIX);
                engine.connect(UnixDomainSocketAddress.of(engineSocket));
                if (!keep(s, client, engine)) {
                    return;
                }
                pump(client, engine);
                pump(engine, client);
            } catch (IOException e) {
                return;
            }
        }
    }

    /**
     * Registers a connection accepted on {@code s}, unless a cut came in between the accept and now: it would
     * otherwise outlive the cut.
     */
    private synchronized boolean keep(ServerSocketChannel s, SocketChannel client, SocketChannel engine)
            throws IOException {
        if (server != s || !s.isOpen()) {
            client.close();
            engine.close();
            return false;
        }
        open.add(client);
        open.add(engine);
        return true;
    }

    private void pump(SocketChannel from, SocketChannel to) {
        Thread t = new Thread(() -> {
            ByteBuffer buf = ByteBuffer.allocate(1 << 16);
            try {
                while (from.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        to.write(buf);
                    }
                    buf.clear();
                }
            } catch (IOException ignored) {
                // cut
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "engine-proxy-pump");
        t.setDaemon(true);
        t.start();
    }
}
