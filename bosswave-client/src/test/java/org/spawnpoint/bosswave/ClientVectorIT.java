package org.spawnpoint.bosswave;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.spawnpoint.testvectors.Vectors.assertSameBytes;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testsupport.ScriptedAgent;
import org.spawnpoint.testvectors.Vectors;

/**
 * For the same call, this client writes the same bytes as bw2bind: a fake agent replays each captured
 * {@code NAME.agent.bin} over a real socket, and everything the client wrote is compared with {@code NAME.bin}.
 */
class ClientVectorIT {
    private static final String URI = "scratch.ns/bwref/test";

    private ScriptedAgent agent;

    @TempDir
    Path tmp;

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
            assertTrue(agent.failures().isEmpty(), "agent script failures: " + agent.failures());
        }
    }

    /** Sends the captured helo, then answers each request with the captured frames carrying its seqno. */
    private BosswaveClient replaying(String agentVector) throws Exception {
        List<Frame> frames = new ArrayList<>();
        FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(agentVector)));
        for (Frame f = r.read(); f != null; f = r.read()) {
            frames.add(f);
        }
        agent = new ScriptedAgent(s -> {
            s.sendRaw(FrameCodec.encode(frames.get(0)));
            for (Frame req = s.read(); req != null; req = s.read()) {
                for (Frame answer : frames.subList(1, frames.size())) {
                    if (answer.seqNo() == req.seqNo()) {
                        s.sendRaw(FrameCodec.encode(answer));
                    }
                }
            }
        });
        return Bosswave.connect(agent.address());
    }

    /** Closes the client, waits until the agent saw the end of the stream, and compares the bytes. */
    private void assertClientWrote(BosswaveClient client, String clientVector) throws Exception {
        client.close();
        ScriptedAgent.Session s = agent.nextSession();
        s.awaitScript();
        assertSameBytes(Vectors.bytes(clientVector), s.received(), clientVector);
    }

    private Path entityFile() throws Exception {
        Path p = tmp.resolve("test-entity.ent");
        Files.write(p, Vectors.bytes("test-entity.ent"));
        return p;
    }

    @Test
    void publishString() throws Exception {
        BosswaveClient c = replaying("publish-string.agent.bin");
        assertEquals("2.8.0 'Lepton'", c.agentVersion());
        c.publish(PublishParams.uri(URI).autoChain(true).payload(Payloads.string("hello world")));
        assertClientWrote(c, "publish-string.bin");
    }

    @Test
    void persistString() throws Exception {
        BosswaveClient c = replaying("persist-string.agent.bin");
        c.publish(PublishParams.uri(URI).autoChain(true).persist(true).payload(Payloads.string("hello world")));
        assertClientWrote(c, "persist-string.bin");
    }

    @Test
    void publishStringWithOptions() throws Exception {
        BosswaveClient c = replaying("publish-string-options.agent.bin");
        c.publish(PublishParams.uri(URI).primaryAccessChain("5K_LshLjLempys_lz5tejVBCpeBMy7sFCQT2_wTgZ-Q=")
                .expiryDelta(Duration.ofHours(1)).elaboratePac("none").doNotVerify(true)
                .payload(Payloads.string("hello world")));
        assertClientWrote(c, "publish-string-options.bin");
    }

    @Test
    void setEntityFile() throws Exception {
        BosswaveClient c = replaying("setentity.agent.bin");
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", c.setEntityFile(entityFile()));
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", c.entityVk());
        assertClientWrote(c, "setentity.bin");
    }

    @Test
    void setEntityThenPublishOnOneSession() throws Exception {
        BosswaveClient c = replaying("session-setentity-publish.agent.bin");
        c.setEntityFile(entityFile());
        c.publish(PublishParams.uri(URI).autoChain(true).payload(Payloads.string("hello world")));
        assertClientWrote(c, "session-setentity-publish.bin");
    }

    @Test
    void subscribeDeliversTheMessageAndNoEmptyOne() throws Exception {
        BosswaveClient c = replaying("subscribe.agent.bin");
        List<Message> got = new CopyOnWriteArrayList<>();
        Subscription sub = c.subscribe(SubscribeParams.uri(URI).autoChain(true), got::add);
        assertEquals("BwAAAAAAAADK4knbXJOHlA==", sub.handle());
        sub.ended().get(10, TimeUnit.SECONDS);
        assertEquals(1, got.size(), "one message, the closing finished=true frame is not a message: " + got);
        Message m = got.get(0);
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", m.from());
        assertEquals("vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/bwref/test", m.uri());
        assertEquals("{1 c42ba6f3ae316048}", m.umid());
        assertEquals("hello from bwref", m.payload(PoNum.STRING).orElseThrow().contentAsString());
        assertEquals(2, m.routingObjects().get(0).type());
        assertClientWrote(c, "subscribe.bin");
    }

    @Test
    void subscribePacked() throws Exception {
        BosswaveClient c = replaying("subscribe-packed.agent.bin");
        List<Message> got = new CopyOnWriteArrayList<>();
        Subscription sub = c.subscribe(SubscribeParams.uri(URI).autoChain(true).leavePacked(true), got::add);
        sub.ended().get(10, TimeUnit.SECONDS);
        assertEquals(1, got.size());
        assertNull(got.get(0).from());
        assertEquals(182, got.get(0).payload(PoNum.PACKED_MESSAGE).orElseThrow().content().length);
        assertClientWrote(c, "subscribe-packed.bin");
    }

    @Test
    void query() throws Exception {
        BosswaveClient c = replaying("query.agent.bin");
        List<Message> results = c.query(QueryParams.uri(URI).autoChain(true));
        assertEquals(1, results.size());
        assertEquals("hello from bwref", results.get(0).payloadObjects().get(0).contentAsString());
        assertClientWrote(c, "query.bin");
    }

    @Test
    void createEntity() throws Exception {
        BosswaveClient c = replaying("mkentity.agent.bin");
        CreatedEntity e = c.createEntity(CreateEntityParams.of("bwclient", "reference test entity"));
        assertEquals("r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=", e.vk());
        byte[] file = Vectors.bytes("test-entity.ent");
        assertArrayEquals(Arrays.copyOfRange(file, 1, file.length), e.keyBlob());
        assertArrayEquals(file, e.keyFileBytes());
        assertClientWrote(c, "mkentity.bin");
    }

    @Test
    void createEntityWithExpiryDelta() throws Exception {
        BosswaveClient c = replaying("mkentity-expiry.agent.bin");
        c.createEntity(new CreateEntityParams(null, Duration.ofHours(720), "bwclient", "reference test entity",
                List.of(), false));
        assertClientWrote(c, "mkentity-expiry.bin");
    }

    /** bw2bind's List sends {@code quer} (a bug); we send {@code list} with otherwise the very same bytes. */
    @Test
    void listSendsARealListCommand() throws Exception {
        BosswaveClient c = replaying("list.agent.bin");
        List<String> children = c.list(ListParams.uri("scratch.ns/bwref").autoChain(true));
        assertEquals(List.of(), children, "a packed query result carries no 'child'");
        byte[] expected = Vectors.bytes("list.bin");
        System.arraycopy("list".getBytes(StandardCharsets.US_ASCII), 0, expected, 0, 4);
        c.close();
        ScriptedAgent.Session s = agent.nextSession();
        s.awaitScript();
        assertSameBytes(expected, s.received(), "list.bin with 'quer' replaced by 'list'");
    }

    /** What spawnctl 0.2 {@code restart} does through bw2bind: the same three frames, byte for byte. */
    @Test
    void spawnctlRestartSession() throws Exception {
        BosswaveClient c = replaying("spawnctl-restart.agent.bin");
        String iface = "scratch.ns/spawnpoint/alpha/s.spawnpoint/server/i.spawnpoint";
        c.setEntityFile(entityFile());
        c.subscribe(SubscribeParams.uri(iface + "/signal/log").autoChain(true), m -> { });
        c.publish(PublishParams.uri(iface + "/slot/restart").autoChain(true).payload(Payloads.string("demosvc")));
        assertClientWrote(c, "spawnctl-restart.bin");
    }

    /** spawnctl 0.2 {@code scan}: a wildcard heartbeat query without autochain. */
    @Test
    void spawnctlScanEmptySession() throws Exception {
        BosswaveClient c = replaying("spawnctl-scan-empty.agent.bin");
        c.setEntityFile(entityFile());
        assertEquals(List.of(), c.query(QueryParams.uri(
                "scratch.ns/spawnpoint/*/s.spawnpoint/server/i.spawnpoint/signal/heartbeat")));
        assertClientWrote(c, "spawnctl-scan-empty.bin");
    }
}
