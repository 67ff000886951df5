package org.spawnpoint.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * A fake BOSSWAVE agent on a real loopback socket: every accepted connection runs {@code script} on its own thread.
 * Records everything each client wrote, and any failure of the script, so tests can assert on both. The one fake agent
 * of the project's tests (the client's scripted sessions, spawnctl's replay of captured transcripts).
 */
public final class ScriptedAgent implements AutoCloseable {

    /** What the agent does on one connection; it returns (or the client goes away) when the session is over. */
    @FunctionalInterface
    public interface Script {
        /** Plays one connection: greet, read the client's frames, answer. */
        void run(Session session) throws Exception;
    }

    /** The version the captured agent announced in its {@code helo}. */
    public static final String VERSION = "2.8.0 'Lepton'";

    private final ServerSocket server;
    private final Script script;
    private final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final List<Session> all = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    /** Listens on an ephemeral loopback port and runs {@code script} for every connection. */
    public ScriptedAgent(Script script) throws IOException {
        this(0, script);
    }

    /** Listens on loopback {@code port} (0: any free one; a fixed one lets a test restart the "router" in place). */
    public ScriptedAgent(int port, Script script) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "scripted-agent-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** {@code 127.0.0.1:PORT}, as a client is given it. */
    public String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    /** The port it listens on. */
    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Session session = new Session(s);
                all.add(session);
                Thread t = new Thread(() -> {
                    try {
                        script.run(session);
                    } catch (SocketException e) {
                        // the client went away; tests check what they need through the session
                    } catch (Throwable e) {
                        failures.add(e);
                    } finally {
                        session.scriptDone.countDown();
                    }
                }, "scripted-agent-session");
                t.setDaemon(true);
                t.start();
                sessions.add(session);
            } catch (IOException e) {
                return;
            }
        }
    }

    /** The next accepted connection, waiting up to 10 s. */
    public Session nextSession() throws InterruptedException {
        Session s = sessions.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no client connected to the scripted agent within 10 s");
        }
        return s;
    }

    /** What the scripts threw (an assertion inside a script lands here; a client leaving does not). */
    public List<Throwable> failures() {
        return failures;
    }

    /** Stops accepting (existing sessions stay open until closed). */
    public void stopListening() throws IOException {
        server.close();
    }

    /** Stops listening and closes every session. */
    @Override
    public void close() throws IOException {
        server.close();
        for (Session s : all) {
            s.close();
        }
    }

    /** One client connection as the agent sees it. */
    public static final class Session {
        private final Socket socket;
        private final ByteArrayOutputStream received = new ByteArrayOutputStream();
        private final FrameReader reader;
        private final OutputStream out;
        final java.util.concurrent.CountDownLatch scriptDone = new java.util.concurrent.CountDownLatch(1);

        Session(Socket socket) throws IOException {
            this.socket = socket;
            socket.setSoTimeout(20_000);
            InputStream tee = new FilterInputStream(socket.getInputStream()) {
                @Override
                public int read() throws IOException {
                    int b = super.read();
                    if (b >= 0) {
                        synchronized (received) {
                            received.write(b);
                        }
                    }
                    return b;
                }

                @Override
                public int read(byte[] buf, int off, int len) throws IOException {
                    int n = super.read(buf, off, len);
                    if (n > 0) {
                        synchronized (received) {
                            received.write(buf, off, n);
                        }
                    }
                    return n;
                }
            };
            this.reader = new FrameReader(tee);
            this.out = socket.getOutputStream();
        }

        /** Greets as the captured agent did ({@link #VERSION}). */
        public void hello() throws IOException {
            hello(VERSION);
        }

        /** Greets with {@code helo} announcing {@code version}. */
        public void hello(String version) throws IOException {
            send(Frame.builder("helo", 1298498081L).kv("version", version).build());
        }

        /** Writes one frame to the client. */
        public synchronized void send(Frame f) throws IOException {
            sendRaw(FrameCodec.encode(f));
        }

        /** Writes raw bytes (malformed frames, partial frames). */
        public synchronized void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** The next frame from the client, or null when it closed the connection. */
        public Frame read() throws IOException {
            return reader.read();
        }

        /** The next frame, which must be {@code command}. */
        public Frame expect(String command) throws IOException {
            Frame f = reader.read();
            if (f == null) {
                throw new AssertionError("client closed the connection; expected '" + command + "'");
            }
            if (!f.command().equals(command)) {
                throw new AssertionError("expected '" + command + "' from the client, got " + f);
            }
            return f;
        }

        /** A final {@code resp status=okay} to {@code request}. */
        public void ok(Frame request) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("finished", "true").build());
        }

        /** A {@code resp status=okay finished=false}: results follow. */
        public void okNonFinal(Frame request) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("finished", "false").build());
        }

        /** A final {@code resp status=error} with bw2's code and reason. */
        public void error(Frame request, int code, String reason) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "error").kv("reason", reason)
                    .kv("code", Integer.toString(code)).kv("finished", "true").build());
        }

        /** The {@code resp} to a subscribe, carrying its handle. */
        public void subscribed(Frame request, String handle) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("handle", handle)
                    .kv("finished", "false").build());
        }

        /** A non-final {@code rslt} for {@code request}: a message at {@code uri} with {@code pos}. */
        public void result(Frame request, String uri, PayloadObject... pos) throws IOException {
            Frame.Builder b = Frame.builder("rslt", request.seqNo()).kv("finished", "false")
                    .kv("from", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=").kv("uri", uri);
            for (PayloadObject po : pos) {
                b.po(po);
            }
            send(b.build());
        }

        /** The final, empty {@code rslt} that ends a query or list. */
        public void finished(Frame request) throws IOException {
            send(Frame.builder("rslt", request.seqNo()).kv("finished", "true").build());
        }

        /** Every byte the client wrote so far. */
        public byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** Waits until the script returned (e.g. after the client closed). */
        public void awaitScript() throws InterruptedException {
            if (!scriptDone.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("agent script did not finish within 10 s");
            }
        }

        /** Closes this connection. */
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // best effort in tests
            }
        }
    }
}
