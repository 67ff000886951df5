package org.spawnpoint.spawnctl;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * The agent {@link CdsTraining}'s scan talks to, on loopback, so that the class-data archive holds the classes (and
 * the method-handle forms) of a scan that connects, finds one spawnpoint and inspects it: without them a scan loaded
 * 133 classes and spun 55 lambda forms outside the archive. It accepts the entity, answers heartbeat queries with
 * one spawnpoint (with a seal key) and every other request with an empty answer, except that a publish after a
 * subscription gets a deploy's success on that subscription; one connection at a time, for the training run only.
 */
final class TrainingAgent implements AutoCloseable {
    private static final String VK = "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=";
    /** X25519's base point: a valid seal key, so that the training deploy seals as a real one does. */
    private static final byte[] SEAL_KEY = new byte[32];

    static {
        SEAL_KEY[0] = 9;
    }
    private final ServerSocket server;

    TrainingAgent() throws IOException {
        server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "training-agent");
        t.setDaemon(true);
        t.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept(); InputStream in = s.getInputStream();
                 OutputStream out = new BufferedOutputStream(s.getOutputStream(), 1 << 14)) {
                out.write(FrameCodec.encode(Frame.builder("helo", 1).kv("version", "2.8.0 'Lepton'").build()));
                out.flush();
                FrameReader r = new FrameReader(in);
                long subscription = -1;
                for (Frame f = r.read(); f != null; f = r.read()) {
                    if (f.command().equals("subs")) {
                        subscription = f.seqNo();
                    }
                    for (Frame reply : answer(f, subscription)) {
                        out.write(FrameCodec.encode(reply));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // The training scan is done with this connection (or the agent is closed).
            }
        }
    }

    private static List<Frame> answer(Frame f, long subscription) {
        long seq = f.seqNo();
        List<Frame> replies = new ArrayList<>();
        if (!f.command().equals("quer")) {
            boolean subscribed = f.command().equals("subs");
            replies.add(Frame.builder("resp", seq).kv("status", "okay").kv("finished", subscribed ? "false" : "true")
                    .kv("vk", VK).build());
            if (f.command().equals("publ") && subscription >= 0) {
                // A deploy's config is published once its log is subscribed to: report the outcome there.
                LogEntry done = new LogEntry(Instants.toNanos(Instant.now()), "training", "training",
                        "[SUCCESS] Container (re)start successful");
                replies.add(Frame.builder("rslt", subscription).kv("finished", "false").kv("from", VK)
                        .kv("uri", "training.ns/sp/training/ctl/log").po(done.toPayloadObject()).build());
            }
            return replies;
        }
        replies.add(Frame.builder("resp", seq).kv("status", "okay").kv("finished", "false").build());
        String uri = f.kv("uri");
        if (uri != null && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX)) {
            DaemonHeartbeat hb = new DaemonHeartbeat("training", Instants.toNanos(Instant.now()), 8192, 4096, 4096, 2048,
                    SEAL_KEY);
            replies.add(Frame.builder("rslt", seq).kv("finished", "false").kv("from", VK)
                    .kv("uri", "training.ns/sp/training" + SpawnUris.HEARTBEAT_SUFFIX).po(hb.toPayloadObject()).build());
        }
        replies.add(Frame.builder("rslt", seq).kv("finished", "true").build());
        return replies;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
