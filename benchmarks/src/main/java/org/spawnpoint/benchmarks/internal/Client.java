package org.spawnpoint.benchmarks.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** One connection of the load generator to a broker, opened and ready (entity set, CONNECT acknowledged). */
public final class Client implements AutoCloseable {
    /** The payload size of every benchmark message. */
    public static final int PAYLOAD = 100;
    final Socket socket;
    final OutputStream out;
    final Protocol.Reader in;
    private final Protocol protocol;
    private int nextId = 2;

    private Client(Socket socket, Protocol protocol) throws IOException {
        this.socket = socket;
        this.protocol = protocol;
        this.out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
        this.in = protocol.reader(new BufferedInputStream(socket.getInputStream(), 1 << 16), out, PAYLOAD);
    }

    /** Connects to {@code broker} on loopback and opens a session. */
    public static Client open(Broker broker) throws IOException {
        Socket s = new Socket("127.0.0.1", broker.port());
        s.setTcpNoDelay(true);
        s.setSoTimeout(30_000);
        Client c = new Client(s, broker.protocol());
        try {
            broker.protocol().open(c.out, c.in);
        } catch (IOException e) {
            s.close();
            throw e;
        }
        return c;
    }

    /** Subscribes to {@code path} (see {@link Protocol#topic}) and waits for the broker to confirm. */
    public void subscribe(String path) throws IOException {
        subscribeNoWait(path);
        out.flush();
        if (!in.awaitReply()) {
            throw new IOException(protocol.name() + " subscribe to " + path + " refused: " + in.error());
        }
    }

    /** Writes a subscribe (buffered; flush and read the replies yourself). */
    public void subscribeNoWait(String path) throws IOException {
        out.write(protocol.subscribe(protocol.topic(path), nextId++));
    }

    public Protocol protocol() {
        return protocol;
    }

    public Protocol.Reader in() {
        return in;
    }

    public OutputStream out() {
        return out;
    }

    /** Read timeout in ms for the reads that follow (0: none). */
    public void timeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
