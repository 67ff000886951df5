package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.testsupport.ScriptedAgent;
import org.spawnpoint.testsupport.Transcripts;

/**
 * The fake agent of test-support ({@link ScriptedAgent}) answering the way the agent of a captured spawnctl transcript
 * did: it replays the captured agent frames as templates (seqnos set to the request's), and records every client
 * frame. The captured spawnpoint heartbeat is re-encoded with the current time so that it is alive. Only the replies
 * are Spawnpoint's; the socket, threads and framing are the shared agent's.
 */
final class TranscriptAgent implements AutoCloseable {
    final List<Frame> received = new CopyOnWriteArrayList<>();
    private final ScriptedAgent agent;
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

    TranscriptAgent(String agentTranscript) throws IOException {
        List<Frame> captured = frames(agentTranscript);
        hello = captured.get(0);
        setEntityReply = captured.get(1);
        heartbeatResult = frames("spawnctl-scan.agent.bin").stream()
                .filter(f -> f.command().equals("rslt") && !f.pos().isEmpty()).findFirst().orElseThrow();
        subscribeReply = frames("spawnctl-restart.agent.bin").get(2);
        agent = new ScriptedAgent(this::serve);
    }

    String address() {
        return agent.address();
    }

    static List<Frame> frames(String name) {
        return Transcripts.frames(name);
    }

    private void serve(ScriptedAgent.Session s) throws IOException {
        Sender sender = new Sender() {
            @Override
            public void send(Frame f) {
                try {
                    s.send(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public long subscriptionSeq() {
                return subscribeSeq;
            }
        };
        s.send(hello);
        for (Frame f = s.read(); f != null; f = s.read()) {
            received.add(f);
            long seq = f.seqNo();
            switch (f.command()) {
                case "sete" -> s.send(setEntityReply.toBuilder().seqNo(seq).build());
                case "quer" -> {
                    s.okNonFinal(f);
                    String uri = f.kv("uri");
                    if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX)) {
                        s.send(freshHeartbeat(seq));
                    } else if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX + "/+")) {
                        // Our spawnctl ps: every service heartbeat under the prefix (the captured spawnpoint's).
                        s.send(serviceHeartbeat(seq, heartbeatResult.kv("uri") + "/*", "demosvc"));
                    } else if (spawnpointPresent && uri.endsWith(SpawnUris.HEARTBEAT_SUFFIX + "/*")) {
                        // Our spawnctl's check that the service exists (not in the Go transcripts).
                        s.send(serviceHeartbeat(seq, uri, "demosvc"));
                    }
                    s.finished(f);
                }
                case "subs" -> {
                    subscribeSeq = seq;
                    s.send(subscribeReply.toBuilder().seqNo(seq).build());
                }
                case "publ", "pers" -> {
                    s.ok(f);
                    afterPublish.accept(sender);
                }
                default -> s.ok(f);
            }
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

    @Override
    public void close() throws IOException {
        agent.close();
    }
}
