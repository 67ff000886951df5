package org.spawnpoint.bosswave;

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
 * Records everything each client wrote, and any failure of the script, so tests can assert on both.
 */
final class ScriptedAgent implements AutoCloseable {

    @FunctionalInterface
    interface Script {
        void run(Session session) throws Exception;
    }

    static final String VERSION = "2.8.0 'Lepton'";

    private final ServerSocket server;
    private final Script script;
    private final LinkedBlockingQueue<Session> sessions = new LinkedBlockingQueue<>();
    private final List<Session> all = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ScriptedAgent(Script script) throws IOException {
        this(0, script);
    }

    ScriptedAgent(int port, Script script) throws IOException {
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        this.script = script;
        this.acceptor = new Thread(this::acceptLoop, "scripted-agent-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    int port() {
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
    Session nextSession() throws InterruptedException {
        Session s = sessions.poll(10, TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError("no client connected to the scripted agent within 10 s");
        }
        return s;
    }

    List<Throwable> failures() {
        return failures;
    }

    /** Stops accepting (existing sessions stay open until closed). */
    void stopListening() throws IOException {
        server.close();
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Session s : all) {
            s.close();
        }
    }

    /** One client connection as the agent sees it. */
    static final class Session {
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

        void hello() throws IOException {
            hello(VERSION);
        }

        void hello(String version) throws IOException {
            send(Frame.builder("helo", 1298498081L).kv("version", version).build());
        }

        synchronized void send(Frame f) throws IOException {
            sendRaw(FrameCodec.encode(f));
        }

        synchronized void sendRaw(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** The next frame from the client, or null when it closed the connection. */
        Frame read() throws IOException {
            return reader.read();
        }

        /** The next frame, which must be {@code command}. */
        Frame expect(String command) throws IOException {
            Frame f = reader.read();
            if (f == null) {
                throw new AssertionError("client closed the connection; expected '" + command + "'");
            }
            if (!f.command().equals(command)) {
                throw new AssertionError("expected '" + command + "' from the client, got " + f);
            }
            return f;
        }

        void ok(Frame request) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("finished", "true").build());
        }

        void okNonFinal(Frame request) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("finished", "false").build());
        }

        void error(Frame request, int code, String reason) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "error").kv("reason", reason)
                    .kv("code", Integer.toString(code)).kv("finished", "true").build());
        }

        void subscribed(Frame request, String handle) throws IOException {
            send(Frame.builder("resp", request.seqNo()).kv("status", "okay").kv("handle", handle)
                    .kv("finished", "false").build());
        }

        void result(Frame request, String uri, PayloadObject... pos) throws IOException {
            Frame.Builder b = Frame.builder("rslt", request.seqNo()).kv("finished", "false")
                    .kv("from", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=").kv("uri", uri);
            for (PayloadObject po : pos) {
                b.po(po);
            }
            send(b.build());
        }

        void finished(Frame request) throws IOException {
            send(Frame.builder("rslt", request.seqNo()).kv("finished", "true").build());
        }

        /** Every byte the client wrote so far. */
        byte[] received() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        /** Waits until the script returned (e.g. after the client closed). */
        void awaitScript() throws InterruptedException {
            if (!scriptDone.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("agent script did not finish within 10 s");
            }
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // best effort in tests
            }
        }
    }
}
