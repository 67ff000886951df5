package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** MQTT 3.1.1 packets against the standard's layout, byte for byte. */
class MqttProtocolTest {
    private static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    @Test
    void connectIsProtocolLevel4CleanSessionNoKeepAlive() {
        // §3.1: 10 | remaining 17 | 00 04 "MQTT" | level 4 | flags 02 | keep alive 00 00 | 00 05 "bench"
        assertArrayEquals(hex("10 11 0004 4d515454 04 02 0000 0005 62656e6368"), MqttProtocol.connect("bench"));
    }

    @Test
    void subscribeHasTheMandatoryFlagsPacketIdTopicAndQos0() {
        // §3.8: 82 | remaining 20 | packet id 00 07 | 00 0f "bench/hot/topic" | requested QoS 00
        assertArrayEquals(hex("82 14 0007 000f 62656e63682f686f742f746f706963 00"),
                new MqttProtocol("bench").subscribe("bench/hot/topic", 7));
    }

    @Test
    void publishQos0HasNoPacketIdAndThePayloadLast() {
        // §3.3: 30 | remaining 7 | 00 03 "a/b" | "hi"
        PublishTemplate t = MqttProtocol.publish("a/b", "hi".getBytes());
        assertArrayEquals(hex("30 07 0003 612f62 6869"), t.bytes());
        assertEquals(7, t.payloadOffset());
        // a 100-byte payload to a 15-byte topic: remaining length 117 fits in one byte
        PublishTemplate big = new MqttProtocol("bench").publish("bench/hot/topic", 100, false);
        assertEquals(2 + 117, big.bytes().length);
        assertEquals(0x75, big.bytes()[1]);
    }

    @Test
    void remainingLengthIsTheStandardsTable() {
        // §2.2.3, table 2.4: the boundaries of 1 to 4 bytes
        assertArrayEquals(hex("00"), MqttProtocol.remainingLength(0));
        assertArrayEquals(hex("7f"), MqttProtocol.remainingLength(127));
        assertArrayEquals(hex("8001"), MqttProtocol.remainingLength(128));
        assertArrayEquals(hex("ff7f"), MqttProtocol.remainingLength(16_383));
        assertArrayEquals(hex("808001"), MqttProtocol.remainingLength(16_384));
        assertArrayEquals(hex("ffff7f"), MqttProtocol.remainingLength(2_097_151));
        assertArrayEquals(hex("80808001"), MqttProtocol.remainingLength(2_097_152));
        assertArrayEquals(hex("ffffff7f"), MqttProtocol.remainingLength(268_435_455));
        assertThrows(IllegalArgumentException.class, () -> MqttProtocol.remainingLength(268_435_456));
    }

    @Test
    void topicsUseMqttWildcards() {
        MqttProtocol m = new MqttProtocol("bench");
        assertEquals("bench/hot/+/s1", m.topic("hot/+/s1"));
        assertEquals("bench/h5/#", m.topic("h5/*"));
    }

    @Test
    void readerClassifiesPackets() throws Exception {
        byte[] payload = new byte[100];
        payload[0] = 42;
        byte[] stream = Vectors.concat(hex("20 02 00 00"), hex("90 03 0007 00"), hex("90 03 0008 80"),
                MqttProtocol.publish("bench/hot/topic", payload).bytes(), hex("20 02 00 05"));
        Protocol.Reader r = new MqttProtocol("bench").reader(new ByteArrayInputStream(stream),
                OutputStreamNull.INSTANCE, 100);
        assertEquals(Protocol.Kind.OK, r.next());      // CONNACK accepted
        assertEquals(Protocol.Kind.OK, r.next());      // SUBACK QoS 0
        assertEquals(Protocol.Kind.ERROR, r.next());   // SUBACK failure
        assertEquals(Protocol.Kind.DELIVERY, r.next());
        assertEquals(42, r.buffer()[r.payloadOffset()]);
        assertEquals(Protocol.Kind.ERROR, r.next());   // CONNACK not authorised
        assertEquals("CONNACK return code 5", r.error());
    }
}
