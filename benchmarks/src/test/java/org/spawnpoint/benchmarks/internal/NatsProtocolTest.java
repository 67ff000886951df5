package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** NATS text protocol lines, byte for byte, and the reader's handling of MSG, PING, PONG and -ERR. */
class NatsProtocolTest {
    private static String text(byte[] b) {
        return new String(b, StandardCharsets.US_ASCII);
    }

    @Test
    void publishIsOneLineThenThePayload() {
        PublishTemplate t = NatsProtocol.publish("bench.hot.topic", "hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals("PUB bench.hot.topic 5\r\nhello\r\n", text(t.bytes()));
        assertEquals(23, t.payloadOffset()); // "PUB bench.hot.topic 5\r\n"
    }

    @Test
    void subscribeIsFollowedByAPingWhosePongConfirmsIt() {
        assertEquals("SUB bench.hot.topic 7\r\nPING\r\n",
                text(new NatsProtocol("bench").subscribe("bench.hot.topic", 7)));
    }

    @Test
    void connectIsNotVerboseAndPings() {
        String c = text(NatsProtocol.CONNECT);
        assertEquals(true, c.startsWith("CONNECT {\"verbose\":false,\"pedantic\":false,"));
        assertEquals(true, c.endsWith("}\r\nPING\r\n"));
    }

    @Test
    void topicsUseNatsWildcards() {
        NatsProtocol n = new NatsProtocol("bench");
        assertEquals("bench.hot.topic", n.topic("hot/topic"));
        assertEquals("bench.hot.*.s1", n.topic("hot/+/s1"));
        assertEquals("bench.*.t3", n.topic("+/t3"));
        assertEquals("bench.h5.>", n.topic("h5/*"));
    }

    @Test
    void readerClassifiesLinesAndAnswersPings() throws Exception {
        String stream = "INFO {\"server_id\":\"x\"}\r\nPONG\r\nMSG bench.hot.topic 1 5\r\nhello\r\n"
                + "MSG bench.hot.topic 1 _INBOX.a 3\r\nabc\r\nPING\r\n+OK\r\n-ERR 'Unknown Protocol Operation'\r\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Protocol.Reader r = new NatsProtocol("bench").reader(
                new ByteArrayInputStream(stream.getBytes(StandardCharsets.US_ASCII)), out, 5);
        assertEquals(Protocol.Kind.OTHER, r.next());
        assertEquals(Protocol.Kind.OK, r.next());
        assertEquals(Protocol.Kind.DELIVERY, r.next());
        assertEquals("hello", new String(r.buffer(), r.payloadOffset(), 5, StandardCharsets.US_ASCII));
        assertEquals(Protocol.Kind.DELIVERY, r.next());
        assertEquals("abc", new String(r.buffer(), r.payloadOffset(), 3, StandardCharsets.US_ASCII));
        assertEquals(Protocol.Kind.OTHER, r.next());
        assertEquals("PONG\r\n", out.toString(StandardCharsets.US_ASCII));
        assertEquals(Protocol.Kind.OK, r.next());
        assertEquals(Protocol.Kind.ERROR, r.next());
        assertEquals("-ERR 'Unknown Protocol Operation'", r.error());
    }
}
