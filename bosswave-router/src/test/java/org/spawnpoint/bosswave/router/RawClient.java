package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/** A bare OOB connection for tests: raw frames in and out, no client library logic. */
final class RawClient implements AutoCloseable {
    final Socket socket;
    final FrameReader reader;
    final OutputStream out;
    final Frame hello;
    private long seq;

    RawClient(int port) throws IOException {
        this("127.0.0.1", port);
    }

    /** From the loopback source address {@code local} (e.g. 127.0.0.2: another client address for the router). */
    RawClient(String local, int port) throws IOException {
        socket = new Socket("127.0.0.1", port, java.net.InetAddress.getByName(local), 0);
        socket.setSoTimeout(10_000);
        reader = new FrameReader(socket.getInputStream());
        out = socket.getOutputStream();
        hello = reader.read();
        assertEquals("helo", hello.command());
    }

    long nextSeq() {
        return ++seq;
    }

    void send(Frame f) throws IOException {
        out.write(FrameCodec.encode(f));
        out.flush();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    Frame read() throws IOException {
        return reader.read();
    }

    /** Sends and collects reply frames for that seqno until one has finished=true. */
    List<Frame> call(Frame.Builder b) throws IOException {
        long s = nextSeq();
        send(b.seqNo(s).build());
        List<Frame> out = new ArrayList<>();
        while (true) {
            Frame f = read();
            if (f == null) {
                throw new IOException("connection closed while waiting for seqno " + s);
            }
            if (f.seqNo() != s) {
                continue;
            }
            out.add(f);
            if (f.finished()) {
                return out;
            }
        }
    }

    Frame callOne(Frame.Builder b) throws IOException {
        List<Frame> r = call(b);
        return r.get(r.size() - 1);
    }

    String setEntity(byte[] blob) throws IOException {
        Frame r = callOne(Frame.builder("sete", 0).po(new PayloadObject(RoutingObject.ENTITY_WITH_KEY, blob)));
        assertEquals("okay", r.kv("status"), r.toString());
        return r.kv("vk");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
