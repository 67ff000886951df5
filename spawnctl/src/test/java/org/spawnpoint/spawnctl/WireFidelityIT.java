package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.testvectors.Vectors;

/**
 * Our spawnctl, with our spawnclient and BOSSWAVE client, against a scripted agent on a real socket: it must send
 * the frames the Go spawnctl sent in the captured transcripts (../shared/spec/vectors, spawnctl-*): same commands,
 * URIs, kv headers in the same order, PO numbers; the YAML may be formatted differently but must parse to the same
 * config. Deliberate differences: restart and stop first check the spawnpoint's heartbeat (as spawnctl 0.3 does)
 * and that the service exists (a query of its service heartbeats), and a followed log is unsubscribed when spawnctl
 * ends.
 */
@Timeout(60)
class WireFidelityIT {
    @TempDir
    Path dir;

    private final Map<String, String> env = new HashMap<>();
    private final CompletableFuture<Void> interrupt = new CompletableFuture<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int spawnctl(TranscriptAgent agent, String... args) throws Exception {
        Files.write(dir.resolve("test-entity.ent"), Vectors.bytes("test-entity.ent"));
        CtlContext ctx = new CtlContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader("")), env::get, Clock.systemUTC(), () -> ZoneId.of("UTC"), dir,
                dir, SpawnClients::open, false, interrupt);
        List<String> all = new ArrayList<>(List.of("-r", agent.address(), "-e", "test-entity.ent"));
        all.addAll(List.of(args));
        return SpawnCtl.newCommandLine(ctx).execute(all.toArray(String[]::new));
    }

    /**
     * After the request, the agent sends the service's log messages (a progress line, the outcome our spawnd reports,
     * then a line of output) and then "presses Ctrl-C" once spawnctl printed {@code lastPrinted} (null: never; stop
     * ends by itself). Messages are handled in order, so once the line after the outcome is printed, the outcome has
     * been seen.
     */
    private void logThenCtrlC(TranscriptAgent agent, String outcome, String lastPrinted) {
        agent.afterPublish = s -> {
            for (String text : List.of("[INFO] booting service\n", outcome, "after the outcome")) {
                LogEntry e = new LogEntry(Instants.toNanos(java.time.Instant.parse("2026-11-25T10:00:00Z")), "alpha",
                        "demosvc", text);
                s.send(Frame.builder("rslt", s.subscriptionSeq()).kv("finished", "false")
                        .kv("from", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=")
                        .kv("uri", "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/spawnpoint/alpha/s.spawnpoint/server/i.spawnpoint/signal/log")
                        .po(e.toPayloadObject()).build());
            }
            if (lastPrinted == null) {
                return;
            }
            new Thread(() -> {
                long deadline = System.currentTimeMillis() + 10_000;
                while (!out.toString().contains(lastPrinted) && System.currentTimeMillis() < deadline) {
                    Thread.onSpinWait();
                }
                interrupt.complete(null);
            }).start();
        };
    }

    private static byte[] bytes(Frame f) {
        return FrameCodec.encode(f);
    }

    private static Frame withSeq(Frame f, long seq) {
        return f.toBuilder().seqNo(seq).build();
    }

    /** Same command, kvs (order and values), ROs and POs, whatever the seqno. */
    private static void assertSameFrame(Frame captured, Frame ours) {
        assertEquals(new String(bytes(withSeq(captured, 0))), new String(bytes(withSeq(ours, 0))));
    }

    @Test
    void scanEmpty() throws Exception {
        List<Frame> ours;
        try (TranscriptAgent agent = new TranscriptAgent("spawnctl-scan-empty.agent.bin")) {
            agent.spawnpointPresent = false;
            assertEquals(0, spawnctl(agent, "scan", "-u", "scratch.ns/spawnpoint"), err.toString());
            ours = agent.received;
        }
        List<Frame> captured = TranscriptAgent.frames("spawnctl-scan-empty.bin");
        assertEquals(captured.size(), ours.size());
        for (int i = 0; i < captured.size(); i++) {
            assertArrayEquals(bytes(captured.get(i)), bytes(ours.get(i)), captured.get(i).command());
        }
        assertEquals("Discovered 0 SpawnPoint(s):\n", out.toString());
    }

    @Test
    void scanSendsTheCapturedFrames() throws Exception {
        List<Frame> ours;
        try (TranscriptAgent agent = new TranscriptAgent("spawnctl-scan.agent.bin")) {
            assertEquals(0, spawnctl(agent, "scan", "-u", "scratch.ns/spawnpoint"), err.toString());
            ours = agent.received;
        }
        List<Frame> captured = TranscriptAgent.frames("spawnctl-scan.bin");
        assertArrayEquals(bytes(captured.get(0)), bytes(ours.get(0)), "sete");
        assertArrayEquals(bytes(captured.get(1)), bytes(ours.get(1)), "the scan query");
        assertArrayEquals(bytes(captured.get(2)), bytes(ours.get(2)), "the inspect query on the router's URI");
        // The metadata queries went out in parallel in Go, so their order and seqnos vary: compare them as a set.
        Set<String> capturedMeta = new HashSet<>();
        captured.subList(3, captured.size()).forEach(f -> capturedMeta.add(new String(bytes(withSeq(f, 0)))));
        Set<String> ourMeta = new HashSet<>();
        ours.subList(3, ours.size()).forEach(f -> ourMeta.add(new String(bytes(withSeq(f, 0)))));
        assertEquals(capturedMeta, ourMeta);
        String text = out.toString();
        assertTrue(text.startsWith("Discovered 1 SpawnPoint(s):\n[alpha] seen "), text);
        assertTrue(text.contains(" ago at scratch.ns/spawnpoint/alpha\n  Available Memory: 8192 MB, Available Cpu Shares: 4096\n"
                + "Metadata:\nServices:\n"), text);
    }

    @Test
    void deploySendsTheCapturedFrames() throws Exception {
        Files.writeString(dir.resolve("deploy.yml"), """
                entity: test-entity.ent
                image: jhkolb/spawnpoint:amd64
                source: git+http://github.com/your/repo
                build: [go get -d, go build -o svcexe]
                run: [./svcexe, "your", "params"]
                memAlloc: 512M
                cpuShares: 1024
                """);
        List<Frame> ours;
        try (TranscriptAgent agent = new TranscriptAgent("spawnctl-deploy.agent.bin")) {
            logThenCtrlC(agent, "[SUCCESS] Container (re)start successful", "Deployment complete, tailing log");
            assertEquals(0, spawnctl(agent, "deploy", "-u", "scratch.ns/spawnpoint/alpha", "-c", "deploy.yml", "-n", "demosvc"),
                    err.toString());
            ours = agent.received;
        }
        List<Frame> captured = TranscriptAgent.frames("spawnctl-deploy.bin");
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(bytes(captured.get(i)), bytes(ours.get(i)), captured.get(i).command());
        }
        Frame cp = captured.get(3);
        Frame op = ours.get(3);
        assertEquals(cp.command(), op.command());
        assertEquals(cp.kvs(), op.kvs(), "publish headers");
        assertEquals(1, op.pos().size(), "no included files, no tar PO");
        assertEquals(PoNum.SPAWNPOINT_CONFIG, op.pos().get(0).type());
        assertEquals(ServiceConfig.parse(cp.pos().get(0).contentAsString()), ServiceConfig.parse(op.pos().get(0).contentAsString()));
        assertEquals("usub", ours.get(4).command(), "Ctrl-C unsubscribes");
        assertEquals(5, ours.size());
        assertEquals("[11/25 10:00:00] alpha::demosvc > [INFO] booting service\n", out.toString().lines()
                .filter(l -> l.contains("booting")).findFirst().orElse("") + "\n");
        assertTrue(out.toString().contains(" Deployment complete, tailing log. Ctrl-C to quit.\n"));
    }

    @Test
    void restartSendsTheCapturedFrames() throws Exception {
        checkCommand("restart", "spawnctl-restart", "[SUCCESS] Container (re)start successful", "after the outcome");
    }

    @Test
    void stopSendsTheCapturedFrames() throws Exception {
        checkCommand("stop", "spawnctl-stop", "[SUCCESS] Service stopped", null);
    }

    private void checkCommand(String command, String vector, String outcome, String pressAfter) throws Exception {
        List<Frame> ours;
        try (TranscriptAgent agent = new TranscriptAgent(vector + ".agent.bin")) {
            logThenCtrlC(agent, outcome, pressAfter);
            assertEquals(0, spawnctl(agent, command, "-u", "scratch.ns/spawnpoint/alpha", "-n", "demosvc"), err.toString());
            ours = agent.received;
        }
        List<Frame> captured = TranscriptAgent.frames(vector + ".bin");
        assertArrayEquals(bytes(captured.get(0)), bytes(ours.get(0)), "sete");
        Frame check = ours.get(1);
        assertEquals("quer", check.command());
        assertEquals(SpawnUris.heartbeat("scratch.ns/spawnpoint/alpha"), check.kv("uri"));
        assertEquals(null, check.kv("autochain"), "heartbeat queries go without autochain, as Go's Scan");
        assertEquals(SpawnUris.serviceHeartbeats("scratch.ns/spawnpoint/alpha"), ours.get(2).kv("uri"),
                "the service must exist");
        assertSameFrame(captured.get(1), ours.get(3));
        assertSameFrame(captured.get(2), ours.get(4));
        assertEquals("usub", ours.get(5).command());
        assertTrue(out.toString().contains("Monitoring service log. Press Ctrl-C to quit.\n"), out.toString());
        assertTrue(out.toString().contains("alpha::demosvc > [INFO] booting service\n"), out.toString());
    }
}
