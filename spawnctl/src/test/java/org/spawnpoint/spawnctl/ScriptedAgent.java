package org.spawnpoint.spawnctl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.PayloadObject;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * A fake BOSSWAVE agent on a real socket that answers the way the agent of a captured spawnctl transcript did: it
 * replays the captured agent frames as templates (seqnos set to the request's), and records every client frame.
 * The captured spawnpoint heartbeat is re-encoded with the current time so that it is alive.
 */
final class ScriptedAgent implements AutoCloseable {
    final List<Frame> received = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final Thread thread;
    private final Frame hello;
    private final Frame setEntityReply;
    private final Frame heartbeatResult;
    private final Frame subscribeReply;
    /** Called after a publish is answered, with a way to send frames (e.g. a log message to a subscription). */
    volatile Consumer<Sender> afterPublish = s -> { };
    private volatile long subscribeSeq = -1;
    /** Whether heartbeat queries find the spawnpoint (false replays the empty scan). */
    volatile boolean spawnpointPresent = true;

    interface Sender {
        void send(Frame f);

        long subscriptionSeq();
    }

    ScriptedAgent(String agentTranscript) throws IOException {
        List<Frame> agent = frames(agentTranscript);
        hello = agent.get(0);
        setEntityReply = agent.get(1);
        heartbeatResult = frames("spawnctl-scan.agent.bin").stream()
                .filter(f -> f.command().equals("rslt") && !f.pos().isEmpty()).findFirst().orElseThrow();
        subscribeReply = frames("spawnctl-restart.agent.bin").get(2);
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "scripted-agent");
        thread.setDaemon(true);
        thread.start();
    }

    String address() {
        return "127.0.0.1:" + server.getLocalPort();
    }

    static List<Frame> frames(String name) {
        try (InputStream in = ScriptedAgent.class.getResourceAsStream("/vectors/" + name)) {
            FrameReader r = new FrameReader(new ByteArrayInputStream(in.readAllBytes()));
            List<Frame> out = new ArrayList<>();
            for (Frame f = r.read(); f != null; f = r.read()) {
                out.add(f);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void serve() {
        try (Socket s = server.accept()) {
            OutputStream out = s.getOutputStream();
            Sender sender = new Sender() {
                @Override
                public void send(Frame f) {
                    write(out, f);
                }

                @Override
                public long subscriptionSeq() {
                    return subscribeSeq;
                }
            };
            write(out, hello);
            FrameReader reader = new FrameReader(s.getInputStream());
            for (Frame f = reader.read(); f != null; f = reader.read()) {
                received.add(f);
                long seq = f.seqNo();
                switch (f.command()) {
                    case "sete" -> write(out, setEntityReply.toBuilder().seqNo(seq).build());
                    case "quer" -> {
                        write(out, Frame.builder("resp", seq).kv("status", "okay").kv("finished", "false").build());
                        String uri = f.kv("uri");
                        if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX)) {
                            write(out, freshHeartbeat(seq));
                        } else if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX + "/+")) {
                            // Our spawnctl ps: every service heartbeat under the prefix (the captured spawnpoint's).
                            write(out, serviceHeartbeat(seq, heartbeatResult.kv("uri") + "/*", "demosvc"));
                        } else if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX + "/*")) {
                            // Our spawnctl's check that the service exists (not in the Go transcripts).
                            write(out, serviceHeartbeat(seq, uri, "demosvc"));
                        }
                        write(out, Frame.builder("rslt", seq).kv("finished", "true").build());
                    }
                    case "subs" -> {
                        subscribeSeq = seq;
                        write(out, subscribeReply.toBuilder().seqNo(seq).build());
                    }
                    case "publ", "pers" -> {
                        write(out, Frame.builder("resp", seq).kv("status", "okay").kv("finished", "true").build());
                        afterPublish.accept(sender);
                    }
                    default -> write(out, Frame.builder("resp", seq).kv("status", "okay").kv("finished", "true").build());
                }
            }
        } catch (IOException e) {
            // The client went away; the test checks what was received.
        }
    }

    private static Frame serviceHeartbeat(long seq, String pattern, String service) {
        String uri = pattern.substring(0, pattern.length() - 1) + service;
        ServiceHeartbeat hb = new ServiceHeartbeat("scratch.ns/spawnpoint/alpha", service,
                Instants.toNanos(Instant.now()), 512, 1024, 1, 0, 0, 0, 0, 1, "");
        return Frame.builder("rslt", seq).kv("finished", "false")
                .kv("from", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=").kv("uri", uri)
                .po(hb.toPayloadObject()).build();
    }

    private Frame freshHeartbeat(long seq) {
        PayloadObject old = heartbeatResult.pos().get(0);
        DaemonHeartbeat hb = DaemonHeartbeat.decode(old.content());
        DaemonHeartbeat fresh = new DaemonHeartbeat(hb.alias(), Instants.toNanos(Instant.now()), hb.totalMem(),
                hb.totalCpuShares(), hb.availableMem(), hb.availableCpuShares());
        return new Frame("rslt", seq, heartbeatResult.kvs(), heartbeatResult.ros(), List.of(fresh.toPayloadObject()));
    }

    private static synchronized void write(OutputStream out, Frame f) {
        try {
            out.write(FrameCodec.encode(f));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
