package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * BOSSWAVE OOB (bosswave-oob.md): frames pre-encoded with the project's {@link FrameCodec} in bw2bind's field order
 * (§6), so that they are byte for byte what a bw2bind client sends. The reader does not decode: it reads the 27-byte
 * header, then the body by its length field, and finds a delivery's payload at a fixed distance from the body's end
 * (the only PO is the last field, followed by {@code \nend\n}).
 */
public final class BosswaveProtocol implements Protocol {
    /** A payload object number of no special meaning (64.0.1.0, a string), as bw2bind's examples use. */
    static final int PO_TYPE = 0x40000100;
    private static final byte[] OKAY = "kv status 4\nokay".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FINISHED = "kv finished 4\ntrue".getBytes(StandardCharsets.US_ASCII);
    private final String namespace;
    private final byte[] entity;

    /**
     * @param namespace the namespace alias every topic lives under
     * @param entity    the connection's entity: a bw2 key file's bytes without its first (type) byte
     */
    public BosswaveProtocol(String namespace, byte[] entity) {
        this.namespace = namespace;
        this.entity = entity.clone();
    }

    @Override
    public String name() {
        return "BOSSWAVE";
    }

    @Override
    public String topic(String path) {
        return namespace + "/" + path;
    }

    @Override
    public void open(OutputStream out, Reader in) throws IOException {
        if (in.next() != Kind.OTHER) { // the router's helo
            throw new IOException("expected the router's helo first");
        }
        out.write(FrameCodec.encode(Frame.builder("sete", 1)
                .po(new PayloadObject(RoutingObject.ENTITY_WITH_KEY, entity)).build()));
        out.flush();
        if (!in.awaitReply()) {
            throw new IOException("sete refused: " + in.error());
        }
    }

    @Override
    public byte[] subscribe(String topic, int id) {
        return FrameCodec.encode(Frame.builder("subs", id).kv("autochain", "true").kv("uri", topic)
                .kv("elaborate_pac", "partial").kv("unpack", "true").kv("doverify", "true").build());
    }

    /** A query for what is retained under {@code topic} (bw2bind's Query, unpacked). */
    public byte[] query(String topic, int id) {
        return FrameCodec.encode(Frame.builder("quer", id).kv("autochain", "true").kv("uri", topic)
                .kv("elaborate_pac", "partial").kv("unpack", "true").kv("doverify", "true").build());
    }

    @Override
    public PublishTemplate publish(String topic, int payloadSize, boolean persist) {
        return publish(topic, new byte[payloadSize], persist, 0);
    }

    /** bw2bind's Publish with {@code AutoChain} and one PO of type 64.0.1.0 (spec §7.2 is this with "hello"). */
    static PublishTemplate publish(String uri, byte[] payload, boolean persist, long seq) {
        byte[] b = FrameCodec.encode(Frame.builder(persist ? "pers" : "publ", seq).kv("autochain", "true")
                .kv("uri", uri).kv("elaborate_pac", "partial").kv("doverify", "true")
                .kv("persist", persist ? "true" : "false").po(PayloadObject.of(PO_TYPE, payload)).build());
        return new PublishTemplate(b, b.length - 5 - payload.length, 16);
    }

    @Override
    public boolean publishesAreAcknowledged() {
        return true;
    }

    @Override
    public Reader reader(InputStream in, OutputStream out, int payloadSize) {
        return new BwReader(in, payloadSize);
    }

    private static final class BwReader extends Reader {
        private final InputStream in;
        private final int payloadSize;
        private final byte[] header = new byte[27];

        BwReader(InputStream in, int payloadSize) {
            this.in = in;
            this.payloadSize = payloadSize;
        }

        @Override
        public Kind next() throws IOException {
            readFully(in, header, 0, 27);
            int len = 0;
            for (int i = 5; i < 15; i++) {
                int d = header[i] - '0';
                if (d < 0 || d > 9) {
                    throw new IOException("not a BOSSWAVE frame header: "
                            + new String(header, StandardCharsets.ISO_8859_1));
                }
                len = len * 10 + d;
            }
            readFully(in, ensure(len), 0, len);
            String cmd = new String(header, 0, 4, StandardCharsets.US_ASCII);
            switch (cmd) {
                case "rslt":
                    if (startsWith(buf, len, FINISHED)) {
                        return Kind.END;
                    }
                    if (len >= payloadSize + 5) {
                        payloadOffset = len - 5 - payloadSize;
                        return Kind.DELIVERY;
                    }
                    return Kind.OTHER;
                case "resp":
                    if (startsWith(buf, len, OKAY)) {
                        return Kind.OK;
                    }
                    error = new String(buf, 0, len, StandardCharsets.UTF_8).replace('\n', ' ');
                    return Kind.ERROR;
                default:
                    return Kind.OTHER;
            }
        }

        private static boolean startsWith(byte[] b, int len, byte[] prefix) {
            if (len < prefix.length) {
                return false;
            }
            for (int i = 0; i < prefix.length; i++) {
                if (b[i] != prefix[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
