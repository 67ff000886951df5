package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The pre-encoded BOSSWAVE frames are bw2bind's, byte for byte (spec vectors), and the reader classifies replies. */
class BosswaveProtocolTest {
    private static final byte[] ENTITY = Arrays.copyOfRange(Vectors.read("test-entity.ent"), 1,
            Vectors.read("test-entity.ent").length);
    private final BosswaveProtocol bw = new BosswaveProtocol("scratch.ns", ENTITY);

    @Test
    void publishIsTheSpecWorkedExample() throws Exception {
        // bosswave-oob.md §7.2: 179 bytes with this SHA-256
        byte[] b = BosswaveProtocol.publish("mynamespace/demo/temp", "hello".getBytes(StandardCharsets.US_ASCII),
                false, 1).bytes();
        assertEquals(179, b.length);
        assertEquals("bf369ed719f1750d9d9dc1e52baa33724f999a73c770b856ec403b658a4752a8",
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)));
    }

    @Test
    void publishAndPersistAreTheCapturedBw2bindBytes() {
        byte[] payload = "hello world".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(Vectors.read("publish-string.bin"),
                BosswaveProtocol.publish("scratch.ns/bwref/test", payload, false, 1).bytes());
        assertArrayEquals(Vectors.read("persist-string.bin"),
                BosswaveProtocol.publish("scratch.ns/bwref/test", payload, true, 1).bytes());
    }

    @Test
    void subscribeAndQueryAreTheCapturedBw2bindBytes() {
        assertEquals("scratch.ns/bwref/test", bw.topic("bwref/test"));
        assertArrayEquals(Vectors.read("subscribe.bin"), bw.subscribe("scratch.ns/bwref/test", 1));
        assertArrayEquals(Vectors.read("query.bin"), bw.query("scratch.ns/bwref/test", 1));
    }

    @Test
    void templateChangesOnlySeqNoAndStamp() {
        PublishTemplate t = bw.publish("scratch.ns/hot/topic", 100, false);
        byte[] stamped = new byte[100];
        for (int i = 0; i < 8; i++) {
            stamped[i] = (byte) (0x0102030405060708L >>> (56 - 8 * i));
        }
        assertArrayEquals(BosswaveProtocol.publish("scratch.ns/hot/topic", stamped, false, 4_294_967_295L).bytes(),
                t.seqNo(4_294_967_295L).stamp(0x0102030405060708L).bytes().clone());
        assertEquals(0x0102030405060708L, PublishTemplate.readStamp(t.bytes(), t.payloadOffset()));
    }

    @Test
    void openSendsTheCapturedSetEntity() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Protocol.Reader in = bw.reader(new ByteArrayInputStream(Vectors.read("setentity.agent.bin")), out, 100);
        bw.open(out, in);
        assertArrayEquals(Vectors.read("setentity.bin"), out.toByteArray());
    }

    @Test
    void readerClassifiesFramesAndFindsThePayload() throws Exception {
        byte[] stream = Vectors.concat(Vectors.read("agent-hello.bin"), Vectors.read("response-ok.bin"),
                Vectors.read("response-error-unknown.bin"), Vectors.read("result-message.bin"),
                Vectors.read("result-finished.bin"));
        Protocol.Reader r = bw.reader(new ByteArrayInputStream(stream), OutputStreamNull.INSTANCE,
                "hello from bwref".length());
        assertEquals(Protocol.Kind.OTHER, r.next());
        assertEquals(Protocol.Kind.OK, r.next());
        assertEquals(Protocol.Kind.ERROR, r.next());
        assertEquals(true, r.error().contains("Unknown OOB command xxxx"));
        assertEquals(Protocol.Kind.DELIVERY, r.next());
        assertEquals("hello from bwref", new String(r.buffer(), r.payloadOffset(), 16, StandardCharsets.US_ASCII));
        assertEquals(Protocol.Kind.END, r.next());
        assertThrows(EOFException.class, r::next);
    }

    @Test
    void readerRejectsWhatIsNotAHeader() {
        byte[] junk = "HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        Protocol.Reader r = bw.reader(new ByteArrayInputStream(junk), OutputStreamNull.INSTANCE, 100);
        assertThrows(java.io.IOException.class, r::next);
    }
}
