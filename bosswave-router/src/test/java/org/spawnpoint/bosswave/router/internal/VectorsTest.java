package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.testvectors.Vectors;

/** Our objects and reply frames against the bytes captured from bw2 (vectors/README.md). */
class VectorsTest {
    static final String TEST_VK = "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=";
    static final String NS_VK = "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=";
    static final String DOT_HASH = "FcAIX2D7XI-R3Jv8_ienPm_Ew2Om7ld90PkhgpMu01Q=";
    static final String CHAIN_HASH = "5K_LshLjLempys_lz5tejVBCpeBMy7sFCQT2_wTgZ-Q=";

    /** A capture of test-vectors (the one copy of the spec's vectors/). */
    static byte[] vector(String name) {
        return Vectors.bytes(name);
    }

    static EntityKey testKey() throws Exception {
        byte[] file = vector("test-entity.ent");
        assertEquals(0x32, file[0]);
        return EntityKey.parseBlob(Arrays.copyOfRange(file, 1, file.length));
    }

    private static long ns(String iso) {
        Instant t = Instant.parse(iso);
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }

    @Test
    void testEntityParsesAndVerifies() throws Exception {
        EntityKey k = testKey();
        Entity e = k.entity();
        assertEquals(TEST_VK, e.vkB64());
        assertTrue(e.signatureValid());
        assertEquals(ns("2016-09-21T19:00:00Z"), e.createdNs());
        assertEquals(ns("2036-09-21T19:00:00Z"), e.expiryNs());
        assertEquals("bwclient", e.contact());
        assertEquals("reference test entity", e.comment());
        assertEquals(150, e.encoded().length);
    }

    @Test
    void ourEntityWriterReproducesTheVectorByteForByte() throws Exception {
        EntityKey k = testKey();
        Entity again = Entity.create(k.seed(), ns("2016-09-21T19:00:00Z"), ns("2036-09-21T19:00:00Z"), List.of(),
                "bwclient", "reference test entity");
        assertArrayEquals(k.entity().encoded(), again.encoded());
    }

    @Test
    void tamperedEntityFailsVerification() throws Exception {
        byte[] enc = testKey().entity().encoded();
        enc[40] ^= 1;
        assertFalse(Entity.parse(enc).signatureValid());
    }

    @Test
    void chainHashIsSha256OfTheDotHashes() {
        PermissionChecker.Chain c = new PermissionChecker.Chain(List.of());
        assertEquals(CHAIN_HASH, Crypto.b64(Crypto.sha256(Crypto.unb64(DOT_HASH))));
        assertEquals(0, c.hashes().length);
    }

    private static SignedMessage vectorMessage() throws Exception {
        Frame packed = FrameCodec.decode(vector("result-message-packed.bin"));
        PayloadObject po = packed.pos().get(0);
        assertEquals(PoNum.PACKED_MESSAGE, po.type());
        return SignedMessage.parse(po.content());
    }

    @Test
    void capturedSignedMessageParsesAndVerifies() throws Exception {
        SignedMessage m = vectorMessage();
        assertEquals(SignedMessage.PUBLISH, m.type());
        assertEquals(1, m.mid());
        assertEquals(NS_VK, Crypto.b64(m.namespace()));
        assertEquals("bwref/test", m.suffix());
        assertTrue(m.signatureValid(Crypto.unb64(TEST_VK)));
        assertEquals("{1 c42ba6f3ae316048}", m.umid());
        assertEquals(1, m.chainDotHashes().size());
        assertEquals(DOT_HASH, Crypto.b64(m.chainDotHashes().get(0)));
        assertEquals("hello from bwref", m.pos().get(0).contentAsString());
        assertEquals(Long.MAX_VALUE, m.expiryNs());
    }

    @Test
    void signingTheSameMessageReproducesTheCapturedBytes() throws Exception {
        SignedMessage m = vectorMessage();
        EntityKey k = testKey();
        SignedMessage again = SignedMessage.sign(m.type(), m.mid(), m.namespace(), m.suffix(), m.ros(), m.pos(),
                k.seed(), k.entity().vk());
        assertArrayEquals(m.encodedShared(), again.encodedShared());
    }

    @Test
    void onDemandMessagesAreDeliveredUnsignedInThe2415FormAndSignedWhenPacked() throws Exception {
        SignedMessage m = vectorMessage();
        EntityKey k = testKey();
        SignedMessage lazy = SignedMessage.signedOnDemand(m.type(), m.mid(), m.namespace(), m.suffix(), m.ros(),
                m.pos(), k.seed(), k.entity().vk());
        Delivery unsigned = new Delivery(lazy, TEST_VK, NS_VK + "/bwref/test", false);

        Frame full = FrameCodec.decode(vector("result-message.bin"));
        Frame.Builder b = Frame.builder(full.command(), full.seqNo());
        full.kvs().stream().filter(kv -> !kv.key().equals("umid") && !kv.key().equals("signature"))
                .forEach(kv -> b.kv(kv.key(), kv.value()));
        full.ros().forEach(b::ro);
        full.pos().forEach(b::po);
        assertArrayEquals(FrameCodec.encode(b.build()), withSeqNo(unsigned.frame(true), 1));
        assertFalse(lazy.isSigned(), "an unpacked delivery must not sign");

        assertArrayEquals(vector("result-message-packed.bin"), withSeqNo(unsigned.frame(false), 1));
        assertTrue(lazy.isSigned());
        Delivery later = new Delivery(lazy, TEST_VK, NS_VK + "/bwref/test", false);
        assertArrayEquals(vector("result-message.bin"), withSeqNo(later.frame(true), 1),
                "once signed, unpacked results carry umid and signature");
    }

    private static byte[] withSeqNo(byte[] frame, long seq) {
        byte[] out = frame.clone();
        String digits = String.format("%010d", seq);
        for (int i = 0; i < 10; i++) {
            out[16 + i] = (byte) digits.charAt(i);
        }
        return out;
    }

    @Test
    void resultFramesMatchTheAgentVectors() throws Exception {
        SignedMessage m = vectorMessage();
        Delivery d = new Delivery(m, TEST_VK, NS_VK + "/bwref/test", true);
        assertArrayEquals(vector("result-message.bin"), withSeqNo(d.frame(true), 1));
        assertArrayEquals(vector("result-message-packed.bin"), withSeqNo(d.frame(false), 1));
        assertArrayEquals(vector("result-finished.bin"), FrameCodec.encode(Replies.finished(1)));
    }

    @Test
    void responseFramesMatchTheAgentVectors() throws Exception {
        assertArrayEquals(vector("response-ok.bin"), FrameCodec.encode(Replies.okay(1, true).build()));
        assertArrayEquals(vector("response-ok-nonfinal.bin"), FrameCodec.encode(Replies.okay(1, false).build()));
        assertArrayEquals(vector("response-error-unknown.bin"),
                FrameCodec.encode(Replies.error(1, 424, "Unknown OOB command xxxx")));
        assertArrayEquals(vector("response-setentity.bin"),
                FrameCodec.encode(Replies.okay(1, true).kv("status", "okay").kv("vk", TEST_VK).build()));
        assertArrayEquals(vector("response-subscribe.bin"), FrameCodec.encode(Frame.builder("resp", 1)
                .kv("status", "okay").kv("handle", "BwAAAAAAAADK4knbXJOHlA==").kv("finished", false).build()));
    }
}
