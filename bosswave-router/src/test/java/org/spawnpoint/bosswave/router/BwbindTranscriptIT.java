package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testvectors.Vectors;

/**
 * Replays the bytes that unmodified bw2bind clients (bwclient, spawnctl 0.2) sent in the captures, with the test
 * entity granted on {@code scratch.ns}, and checks the router's answers: byte for byte where the capture is
 * deterministic, and okay on every seqno otherwise.
 */
class BwbindTranscriptIT {
    static final String CAPTURED_NS = "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=";

    @TempDir
    static Path data;
    static Router router;

    @BeforeAll
    static void start() throws Exception {
        byte[] file = vector("test-entity.ent");
        EntityKey test = EntityKey.parseBlob(Arrays.copyOfRange(file, 1, file.length));
        EntityKey ns = Fixture.entity("scratch");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(test.entity());
            r.putAlias("scratch.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, test, ns, "*", "PC*L", 0));
        });
        router = Fixture.start(data, b -> { });
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    /** A capture of test-vectors (the one copy of the spec's vectors/). */
    static byte[] vector(String name) {
        return Vectors.bytes(name);
    }

    /** Sends the client transcript and returns every byte the router answers until it goes quiet. */
    private static byte[] replay(String name) throws IOException {
        try (Socket s = new Socket("127.0.0.1", router.port())) {
            s.getOutputStream().write(vector(name + ".bin"));
            s.getOutputStream().flush();
            s.setSoTimeout(1500);
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = s.getInputStream().read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (SocketTimeoutException quiet) {
                // the router has answered everything
            }
            return got.toByteArray();
        }
    }

    private static List<Frame> frames(byte[] bytes) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(bytes));
        List<Frame> out = new ArrayList<>();
        Frame f;
        while ((f = r.read()) != null) {
            out.add(f);
        }
        return out;
    }

    private static byte[] afterHello(byte[] transcript) throws IOException {
        Frame hello = frames(transcript).get(0);
        int len = FrameCodec.encode(hello).length;
        return Arrays.copyOfRange(transcript, len, transcript.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"setentity", "session-setentity-publish", "spawnctl-scan-empty"})
    void answersAreByteIdenticalToTheReferenceAgent(String name) throws Exception {
        byte[] ours = replay(name);
        assertEquals("helo", frames(ours).get(0).command());
        assertArrayEquals(afterHello(vector(name + ".agent.bin")), afterHello(ours),
                () -> "ours: " + safeFrames(ours));
    }

    @ParameterizedTest
    @ValueSource(strings = {"spawnctl-deploy", "spawnctl-restart", "spawnctl-stop", "spawnctl-scan"})
    void everySpawnctlRequestIsAnswered(String name) throws Exception {
        List<Frame> requests = frames(vector(name + ".bin"));
        List<Frame> answers = frames(replay(name));
        // spawnctl-scan's follow-up queries use the captured agent's namespace VK, which nobody granted here
        Set<Long> foreign = new LinkedHashSet<>();
        for (Frame req : requests) {
            if (req.kv("uri") != null && req.kv("uri").startsWith(CAPTURED_NS)) {
                foreign.add(req.seqNo());
            }
        }
        Set<Long> okay = new LinkedHashSet<>();
        for (Frame f : answers) {
            if ("resp".equals(f.command())) {
                if (foreign.contains(f.seqNo())) {
                    assertEquals("401", f.kv("code"), f.toString());
                } else {
                    assertEquals("okay", f.kv("status"), f.toString());
                }
                okay.add(f.seqNo());
            }
        }
        for (Frame req : requests) {
            assertTrue(okay.contains(req.seqNo()), req.command() + " #" + req.seqNo() + " unanswered: " + answers);
        }
    }

    private static String safeFrames(byte[] b) {
        try {
            return frames(b).toString();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
