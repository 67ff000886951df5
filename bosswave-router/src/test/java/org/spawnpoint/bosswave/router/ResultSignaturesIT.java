package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.RouterConfig.ResultSignatures;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;

/**
 * {@code resultSignatures}: on demand (default), unpacked results of a plain publish come in router 2.4.15's form
 * while packed results and persisted messages are signed; {@code always}, every unpacked result carries a umid and a
 * signature that verifies against the publisher's VK.
 */
class ResultSignaturesIT {
    @TempDir
    Path data;

    private record Setup(Router router, BosswaveClient client, EntityKey alice) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            router.close();
        }
    }

    private Setup start(ResultSignatures mode) throws Exception {
        EntityKey ns = Fixture.entity("ns");
        EntityKey alice = Fixture.entity("alice");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(alice.entity());
            r.putAlias(Fixture.ALIAS, ns.entity().vk());
            r.putDot(Fixture.dot(ns, alice, ns, "*", "PC*L", 2));
        });
        Router router = Fixture.start(data, b -> b.resultSignatures(mode));
        return new Setup(router, Fixture.client(router, alice), alice);
    }

    /** Publishes one message to {@code sig/a}, received by an unpacked and a packed subscription. */
    private static List<Message> publishToBothForms(BosswaveClient c, boolean persist) throws Exception {
        List<Message> unpacked = new CopyOnWriteArrayList<>();
        List<Message> packed = new CopyOnWriteArrayList<>();
        String uri = Fixture.ALIAS + "/sig/a";
        try (Subscription u = c.subscribe(SubscribeParams.uri(uri), unpacked::add);
             Subscription p = c.subscribe(SubscribeParams.uri(uri).leavePacked(true), packed::add)) {
            c.publish(PublishParams.uri(uri).persist(persist).payload(PayloadObject.ofString("signed?")));
            RouterIT.waitFor(() -> unpacked.size() == 1 && packed.size() == 1);
        }
        return List.of(unpacked.get(0), packed.get(0));
    }

    private static SignedMessage packedMessage(Message m) throws Exception {
        PayloadObject po = m.payloadObjects().get(0);
        assertEquals(PoNum.PACKED_MESSAGE, po.type());
        return SignedMessage.parse(po.content());
    }

    @Test
    void onDemandDeliversUnsignedUnpackedResultsAndSignsPackedAndPersistedOnes() throws Exception {
        try (Setup s = start(ResultSignatures.ON_DEMAND)) {
            byte[] vk = s.alice().entity().vk();
            // the unpacked subscription is served first; the packed one signs the message for both later on
            List<Message> plain = publishToBothForms(s.client(), false);
            SignedMessage packed = packedMessage(plain.get(1));
            assertTrue(packed.signatureValid(vk), "a packed result is signed by the publisher's key");
            assertEquals("signed?", packed.pos().get(0).contentAsString());

            s.client().publish(PublishParams.uri(Fixture.ALIAS + "/sig/b").persist(true)
                    .payload(PayloadObject.ofString("kept")));
            Message kept = s.client().query(QueryParams.uri(Fixture.ALIAS + "/sig/b")).get(0);
            assertNotNull(kept.signature(), "a persisted message is signed and its results say so");
            assertNotNull(kept.umid());
            SignedMessage stored = packedMessage(
                    s.client().query(QueryParams.uri(Fixture.ALIAS + "/sig/b").leavePacked(true)).get(0));
            assertTrue(stored.signatureValid(vk));
            assertArrayEquals(stored.signature(), Crypto.unb64(kept.signature()));
        }
    }

    @Test
    void onDemandUnpackedResultOfAPlainPublishHasNoUmidOrSignature() throws Exception {
        try (Setup s = start(ResultSignatures.ON_DEMAND)) {
            List<Message> got = new CopyOnWriteArrayList<>();
            String uri = Fixture.ALIAS + "/sig/plain";
            try (Subscription u = s.client().subscribe(SubscribeParams.uri(uri), got::add)) {
                s.client().publish(PublishParams.uri(uri).payload(PayloadObject.ofString("fast")));
                RouterIT.waitFor(() -> got.size() == 1);
            }
            assertNull(got.get(0).signature(), "2.4.15 form: no signature kv");
            assertNull(got.get(0).umid(), "2.4.15 form: no umid kv");
            assertEquals(s.alice().entity().vkB64(), got.get(0).from());
        }
    }

    @Test
    void alwaysSignsEveryUnpackedResult() throws Exception {
        try (Setup s = start(ResultSignatures.ALWAYS)) {
            List<Message> both = publishToBothForms(s.client(), false);
            Message unpacked = both.get(0);
            SignedMessage packed = packedMessage(both.get(1));
            assertNotNull(unpacked.signature());
            assertArrayEquals(packed.signature(), Crypto.unb64(unpacked.signature()));
            assertEquals(packed.umid(), unpacked.umid());
            assertTrue(packed.signatureValid(s.alice().entity().vk()));
        }
    }
}
