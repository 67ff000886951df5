package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.testvectors.Vectors;

/**
 * {@code spawnctl ps} with our spawnclient and BOSSWAVE client against the scripted agent on a real socket: its first
 * query is the Go spawnctl's scan query (captured transcript, byte for byte but the seqno), its second the same with
 * {@code /+} appended for every service heartbeat; nothing else is sent, and the captured spawnpoint's service is
 * listed.
 */
@Timeout(60)
class FleetWireIT {
    @TempDir
    Path dir;

    @Test
    void psSendsTheScanQueryAndOneForServices() throws Exception {
        Files.write(dir.resolve("test-entity.ent"), Vectors.bytes("test-entity.ent"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<Frame> ours;
        try (TranscriptAgent agent = new TranscriptAgent("spawnctl-scan.agent.bin")) {
            CtlContext ctx = new CtlContext(new PrintWriter(out, true), new PrintWriter(err, true),
                    new BufferedReader(new StringReader("")), Map.<String, String>of()::get, Clock.systemUTC(),
                    () -> ZoneId.of("UTC"), dir, dir, SpawnClients::open, false, new CompletableFuture<>());
            int rc = SpawnCtl.newCommandLine(ctx).execute("-r", agent.address(), "-e", "test-entity.ent", "ps", "-u",
                    "scratch.ns/spawnpoint");
            assertEquals(0, rc, err.toString());
            ours = new ArrayList<>(agent.received);
        }
        List<Frame> captured = TranscriptAgent.frames("spawnctl-scan.bin");
        assertEquals(3, ours.size(), "sete and two queries: " + ours);
        assertEquals(text(captured.get(0)), text(ours.get(0)), "sete");
        Frame scanQuery = captured.get(1);
        assertEquals(text(scanQuery), text(ours.get(1)), "the scan query, as Go's spawnctl sends it");
        List<Frame.Kv> kvs = new ArrayList<>();
        for (Frame.Kv kv : scanQuery.kvs()) {
            kvs.add(kv.key().equals("uri") ? new Frame.Kv("uri", (kv.valueAsString() + "/+")
                    .getBytes(StandardCharsets.UTF_8)) : kv);
        }
        assertEquals(text(new Frame("quer", 0, kvs, scanQuery.ros(), scanQuery.pos())), text(ours.get(2)),
                "every service heartbeat under the prefix, in one query");
        String[] lines = out.toString().split("\n");
        assertEquals(2, lines.length, out.toString());
        assertTrue(lines[0].startsWith("SPAWNPOINT  SERVICE  STATE    HEALTH  MEM MiB  CPU   UPTIME  RESTARTS"), lines[0]);
        assertTrue(lines[1].startsWith("alpha       demosvc  running  -       1.0/512  1.0%  -       0"), lines[1]);
    }

    private static String text(Frame f) {
        return new String(FrameCodec.encode(f.toBuilder().seqNo(0).build()), StandardCharsets.ISO_8859_1);
    }
}
