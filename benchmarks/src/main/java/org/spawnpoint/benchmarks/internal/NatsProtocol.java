package org.spawnpoint.benchmarks.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The NATS client protocol (text: {@code CONNECT}, {@code SUB}, {@code PUB}, {@code PING}/{@code PONG} lines ending in
 * CRLF; the server sends {@code INFO} first and {@code MSG} per delivery). Hand-written for the same reason as
 * {@link MqttProtocol}: a handful of fixed lines, pre-encoded, counted without a client library's machinery.
 * A SUB has no reply in non-verbose mode, so {@link #open} and subscriptions end with a PING and wait for its PONG.
 */
public final class NatsProtocol implements Protocol {
    static final byte[] CONNECT = ("CONNECT {\"verbose\":false,\"pedantic\":false,\"name\":\"bench\",\"lang\":\"java\","
            + "\"version\":\"0\",\"protocol\":1}\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
    static final byte[] PING = "PING\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PONG = "PONG\r\n".getBytes(StandardCharsets.US_ASCII);
    private final String root;

    /** @param root the first subject token of every subject, e.g. "bench" */
    public NatsProtocol(String root) {
        this.root = root;
    }

    @Override
    public String name() {
        return "NATS";
    }

    @Override
    public String topic(String path) {
        String t = root + "/" + path;
        if (t.endsWith("/*")) {
            t = t.substring(0, t.length() - 1) + ">";
        }
        return t.replace('/', '.').replace('+', '*');
    }

    @Override
    public void open(OutputStream out, Reader in) throws IOException {
        if (in.next() != Kind.OTHER) { // INFO
            throw new IOException("expected the server's INFO first");
        }
        out.write(CONNECT);
        out.flush();
        if (!in.awaitReply()) {
            throw new IOException("CONNECT refused: " + in.error());
        }
    }

    /** {@code SUB <subject> <sid>} then a PING, whose PONG says the SUB was processed (the server answers in order). */
    @Override
    public byte[] subscribe(String topic, int id) {
        return ("SUB " + topic + " " + id + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public PublishTemplate publish(String topic, int payloadSize, boolean persist) {
        return publish(topic, new byte[payloadSize]);
    }

    /** {@code PUB <subject> <size>\r\n<payload>\r\n}. */
    static PublishTemplate publish(String subject, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("PUB " + subject + " " + payload.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        int offset = out.size();
        out.writeBytes(payload);
        out.writeBytes(new byte[] {'\r', '\n'});
        return new PublishTemplate(out.toByteArray(), offset, -1);
    }

    @Override
    public boolean publishesAreAcknowledged() {
        return false;
    }

    @Override
    public Reader reader(InputStream in, OutputStream out, int payloadSize) {
        return new NatsReader(in, out);
    }

    private static final class NatsReader extends Reader {
        private final InputStream in;
        private final OutputStream out;
        private final byte[] line = new byte[4096];

        NatsReader(InputStream in, OutputStream out) {
            this.in = in;
            this.out = out;
        }

        @Override
        public Kind next() throws IOException {
            int n = 0;
            for (int b; (b = in.read()) != '\n'; ) {
                if (b < 0) {
                    throw new java.io.EOFException("the server closed the connection");
                }
                if (n == line.length) {
                    throw new IOException("NATS control line longer than " + line.length + " bytes");
                }
                line[n++] = (byte) b;
            }
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            if (n >= 4 && line[0] == 'M' && line[1] == 'S' && line[2] == 'G' && line[3] == ' ') {
                int size = 0;
                int i = n - 1;
                for (int mul = 1; i > 0 && line[i] != ' '; i--, mul *= 10) {
                    size += (line[i] - '0') * mul;
                }
                readFully(in, ensure(size + 2), 0, size + 2);
                payloadOffset = 0;
                return Kind.DELIVERY;
            }
            String text = new String(line, 0, n, StandardCharsets.US_ASCII);
            if (text.equals("PING")) {
                synchronized (out) {
                    out.write(PONG);
                    out.flush();
                }
                return Kind.OTHER;
            }
            if (text.equals("PONG") || text.equals("+OK")) {
                return Kind.OK;
            }
            if (text.startsWith("-ERR")) {
                error = text;
                return Kind.ERROR;
            }
            return Kind.OTHER;
        }
    }
}
