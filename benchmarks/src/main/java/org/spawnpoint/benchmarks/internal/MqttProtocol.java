package org.spawnpoint.benchmarks.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * MQTT 3.1.1 (OASIS standard, 2014), the three packets a QoS 0 load generator needs: CONNECT (§3.1), SUBSCRIBE
 * (§3.8) and PUBLISH (§3.3), and a reader that takes packets apart by their fixed header (§2.2). Written by hand
 * rather than with a client library (Paho, HiveMQ): the packets are tiny and fixed (CONNECT is 19 bytes for client id
 * "bench", a 100-byte PUBLISH 120), the generator must write the same pre-encoded bytes for every message and count
 * deliveries without a library's per-message objects, callbacks and threads in the measurement, and
 * {@code MqttProtocolTest} checks the bytes against the standard's own layout.
 */
public final class MqttProtocol implements Protocol {
    private static final int CONNECT = 0x10;
    private static final int CONNACK = 2;
    private static final int PUBLISH = 3;
    private static final int SUBACK = 9;
    private final String root;
    private final String clientIdPrefix;
    private int clients;

    /** @param root the first topic level of every topic, e.g. "bench" */
    public MqttProtocol(String root) {
        this.root = root;
        this.clientIdPrefix = "bench-" + ProcessHandle.current().pid() + "-";
    }

    @Override
    public String name() {
        return "MQTT";
    }

    @Override
    public String topic(String path) {
        String t = root + "/" + path;
        return t.endsWith("/*") ? t.substring(0, t.length() - 1) + "#" : t;
    }

    @Override
    public synchronized void open(OutputStream out, Reader in) throws IOException {
        out.write(connect(clientIdPrefix + (clients++)));
        out.flush();
        if (!in.awaitReply()) {
            throw new IOException("CONNECT refused: " + in.error());
        }
    }

    /** CONNECT (§3.1): protocol "MQTT" level 4, clean session, no keep-alive (0: the broker never times us out). */
    static byte[] connect(String clientId) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, "MQTT");
        body.write(4);       // protocol level: 3.1.1
        body.write(0x02);    // connect flags: clean session only
        body.write(0);       // keep alive, MSB
        body.write(0);       // keep alive, LSB
        string(body, clientId);
        return packet(CONNECT, body.toByteArray());
    }

    @Override
    public byte[] subscribe(String topic, int id) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(id >>> 8 & 0xFF);
        body.write(id & 0xFF);
        string(body, topic);
        body.write(0); // requested QoS 0
        return packet(0x82, body.toByteArray()); // SUBSCRIBE: flags 0010 are mandatory (§3.8.1)
    }

    @Override
    public PublishTemplate publish(String topic, int payloadSize, boolean persist) {
        return publish(topic, new byte[payloadSize]);
    }

    /** PUBLISH (§3.3) QoS 0, not retained, no duplicate flag, so no packet identifier. */
    static PublishTemplate publish(String topic, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.writeBytes(payload);
        byte[] b = packet(PUBLISH << 4, body.toByteArray());
        return new PublishTemplate(b, b.length - payload.length, -1);
    }

    @Override
    public boolean publishesAreAcknowledged() {
        return false;
    }

    /** A UTF-8 string with its 2-byte big-endian length (§1.5.3). */
    private static void string(ByteArrayOutputStream out, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b.length >>> 8);
        out.write(b.length & 0xFF);
        out.writeBytes(b);
    }

    /** Fixed header (§2.2): the type and flags byte, then the remaining length, then the body. */
    static byte[] packet(int typeAndFlags, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 5);
        out.write(typeAndFlags);
        out.writeBytes(remainingLength(body.length));
        out.writeBytes(body);
        return out.toByteArray();
    }

    /** The variable-length encoding of §2.2.3: 7 bits a byte, least significant first, high bit = more follows. */
    static byte[] remainingLength(int n) {
        if (n < 0 || n > 268_435_455) {
            throw new IllegalArgumentException("remaining length " + n + ": expected 0..268435455 (§2.2.3)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4);
        do {
            int digit = n % 128;
            n /= 128;
            out.write(n > 0 ? digit | 0x80 : digit);
        } while (n > 0);
        return out.toByteArray();
    }

    @Override
    public Reader reader(InputStream in, OutputStream out, int payloadSize) {
        return new MqttReader(in, payloadSize);
    }

    private static final class MqttReader extends Reader {
        private final InputStream in;
        private final int payloadSize;

        MqttReader(InputStream in, int payloadSize) {
            this.in = in;
            this.payloadSize = payloadSize;
        }

        @Override
        public Kind next() throws IOException {
            int first = in.read();
            if (first < 0) {
                throw new java.io.EOFException("the broker closed the connection");
            }
            int len = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.read();
                if (b < 0 || shift > 21) {
                    throw new IOException("bad MQTT remaining length");
                }
                len |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    break;
                }
            }
            readFully(in, ensure(len), 0, len);
            switch (first >>> 4) {
                case PUBLISH:
                    payloadOffset = len - payloadSize;
                    return Kind.DELIVERY;
                case CONNACK:
                    if (len == 2 && buf[1] == 0) {
                        return Kind.OK;
                    }
                    error = "CONNACK return code " + (len > 1 ? buf[1] : -1);
                    return Kind.ERROR;
                case SUBACK:
                    if (len >= 3 && (buf[2] & 0xFF) != 0x80) {
                        return Kind.OK;
                    }
                    error = "SUBACK failure (0x80)";
                    return Kind.ERROR;
                default:
                    return Kind.OTHER;
            }
        }
    }
}
