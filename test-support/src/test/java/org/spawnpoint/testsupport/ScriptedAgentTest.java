package org.spawnpoint.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/** The fake agent greets, answers, records what the client wrote and what its script threw. */
class ScriptedAgentTest {

    @Test
    void greetsAnswersAndRecords() throws Exception {
        try (ScriptedAgent agent = new ScriptedAgent(s -> {
            s.hello();
            s.ok(s.expect("publ"));
            s.expect("quer"); // the client sends a publish: this assertion fails inside the script
        })) {
            Frame publish = Frame.builder("publ", 7).kv("uri", "ns/x").build();
            try (Socket client = new Socket("127.0.0.1", agent.port())) {
                FrameReader in = new FrameReader(client.getInputStream());
                assertEquals(ScriptedAgent.VERSION, in.read().kv("version"));
                OutputStream out = client.getOutputStream();
                out.write(FrameCodec.encode(publish));
                out.flush();
                Frame reply = in.read();
                assertEquals("resp", reply.command());
                assertEquals(7, reply.seqNo());
                out.write(FrameCodec.encode(publish));
                out.flush();
                ScriptedAgent.Session session = agent.nextSession();
                session.awaitScript();
                byte[] both = new byte[FrameCodec.encode(publish).length * 2];
                System.arraycopy(FrameCodec.encode(publish), 0, both, 0, both.length / 2);
                System.arraycopy(FrameCodec.encode(publish), 0, both, both.length / 2, both.length / 2);
                assertArrayEquals(both, session.received());
            }
            List<Throwable> failures = agent.failures();
            assertEquals(1, failures.size(), failures.toString());
            assertTrue(failures.get(0).getMessage().contains("expected 'quer'"), failures.get(0).getMessage());
        }
    }

    @Test
    void transcriptsDecodeIntoTheirFrames() {
        List<Frame> hello = Transcripts.frames("agent-hello.bin");
        assertEquals(1, hello.size());
        assertEquals("helo", hello.get(0).command());
    }
}
