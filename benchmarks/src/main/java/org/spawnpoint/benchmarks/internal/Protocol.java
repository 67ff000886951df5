package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * What the load generator needs of a broker's wire protocol: pre-encoded frames and a reader that finds message
 * boundaries without decoding more than it must. One implementation per protocol: {@link BosswaveProtocol},
 * {@link MqttProtocol}, {@link NatsProtocol}.
 */
public interface Protocol {
    /** A short name for tables: "BOSSWAVE", "MQTT", "NATS". */
    String name();

    /**
     * A topic in this protocol's syntax from slash-separated elements, where {@code +} is one element and {@code *}
     * (last only) any number of them, e.g. {@code hot/+/s1} is MQTT {@code bench/hot/+/s1} and NATS
     * {@code bench.hot.*.s1}.
     */
    String topic(String path);

    /** Connects the session: sends what the protocol needs and waits for the broker's go-ahead. */
    void open(OutputStream out, Reader in) throws IOException;

    /** Subscribe bytes for {@code topic} (a {@link #topic} result) with request id {@code id}. */
    byte[] subscribe(String topic, int id);

    /** A publish of {@code payloadSize} zero bytes to {@code topic}; {@code persist} asks BOSSWAVE to retain it. */
    PublishTemplate publish(String topic, int payloadSize, boolean persist);

    /** Whether every publish gets a reply the publisher must read (BOSSWAVE); MQTT QoS 0 and NATS have none. */
    boolean publishesAreAcknowledged();

    /**
     * A reader of this protocol's frames from {@code in}; {@code out} answers the broker's pings (NATS); deliveries
     * carry payloads of {@code payloadSize} bytes.
     */
    Reader reader(InputStream in, OutputStream out, int payloadSize);

    /** What a frame read was: a message delivered, a reply, the end of a stream of results (BOSSWAVE), or else. */
    enum Kind { DELIVERY, OK, ERROR, END, OTHER }

    /** Reads one frame at a time; the last frame's bytes stay in {@link #buffer()} until the next read. */
    abstract class Reader {
        protected byte[] buf = new byte[1 << 12];
        protected int payloadOffset;
        protected String error;

        /** Reads the next frame; end of stream is an {@link java.io.EOFException}. */
        public abstract Kind next() throws IOException;

        public byte[] buffer() {
            return buf;
        }

        /** Where the last delivery's payload starts in {@link #buffer()}. */
        public int payloadOffset() {
            return payloadOffset;
        }

        /** The last {@link Kind#ERROR}'s text. */
        public String error() {
            return error;
        }

        /** Reads frames until an OK or ERROR reply; deliveries in between are skipped; returns false on ERROR. */
        public boolean awaitReply() throws IOException {
            while (true) {
                Kind k = next();
                if (k == Kind.OK) {
                    return true;
                }
                if (k == Kind.ERROR) {
                    return false;
                }
            }
        }

        protected final byte[] ensure(int n) {
            if (buf.length < n) {
                buf = new byte[Math.max(n, buf.length * 2)];
            }
            return buf;
        }

        protected static void readFully(InputStream in, byte[] b, int off, int n) throws IOException {
            while (n > 0) {
                int r = in.read(b, off, n);
                if (r < 0) {
                    throw new java.io.EOFException("the broker closed the connection");
                }
                off += r;
                n -= r;
            }
        }
    }
}
