package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Chain;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.CreatedDot;
import org.spawnpoint.bosswave.CreatedEntity;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/** Every pub/sub command and wildcard rule, over real sockets with our client. */
class RouterIT {
    @TempDir
    static Path data;
    static Router router;
    static EntityKey ns;
    static EntityKey alice;
    static String nsVk;
    static BosswaveClient client;

    @BeforeAll
    static void start() throws Exception {
        ns = Fixture.entity("ns");
        alice = Fixture.entity("alice");
        nsVk = ns.entity().vkB64();
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(alice.entity());
            r.putAlias(Fixture.ALIAS, ns.entity().vk());
            r.putDot(Fixture.dot(ns, alice, ns, "*", "PC*L", 2));
        });
        router = Fixture.start(data, b -> { });
        client = Fixture.client(router, alice);
    }

    @AfterAll
    static void stop() {
        client.close();
        router.close();
    }

    private static String uri(String suffix) {
        return Fixture.ALIAS + "/" + suffix;
    }

    private static void publish(String suffix, String text) {
        client.publish(PublishParams.uri(uri(suffix)).payload(PayloadObject.ofString(text)));
    }

    private static void persist(String suffix, String text) {
        client.publish(PublishParams.uri(uri(suffix)).persist(true).payload(PayloadObject.ofString(text)));
    }

    private static List<String> texts(List<Message> ms) {
        return ms.stream().map(m -> m.payloadObjects().get(0).contentAsString()).sorted().toList();
    }

    /** Subscribes to {@code pattern}, publishes each of {@code publishes} (text = suffix), returns what arrived. */
    private static List<String> deliveredFor(String pattern, String... publishes) throws Exception {
        List<Message> got = new CopyOnWriteArrayList<>();
        try (Subscription s = client.subscribe(SubscribeParams.uri(uri(pattern)), got::add)) {
            for (String p : publishes) {
                publish(p, p);
            }
            publish("sync/" + pattern.hashCode(), "end"); // ordering: once this is published, the rest was handled
            Thread.sleep(300);
        }
        return got.stream().map(m -> m.payloadObjects().get(0).contentAsString()).sorted().toList();
    }

    @Test
    void helloCarriesAVersion() {
        assertEquals(RouterConfig.DEFAULT_VERSION, client.agentVersion());
    }

    @Test
    void publishReachesExactSubscriberWithVkUriAndPayload() throws Exception {
        List<Message> got = new CopyOnWriteArrayList<>();
        try (Subscription s = client.subscribe(SubscribeParams.uri(uri("exact/a")), got::add)) {
            publish("exact/a", "one");
            publish("exact/b", "other");
            publish("exact/a", "two");
            waitFor(() -> got.size() >= 2);
        }
        assertEquals(List.of("one", "two"), got.stream().map(m -> m.payloadObjects().get(0).contentAsString()).toList());
        assertEquals(nsVk + "/exact/a", got.get(0).uri(), "results carry the VK form of the namespace");
        assertEquals(alice.entity().vkB64(), got.get(0).from());
    }

    @Test
    void plusMatchesOneElement() throws Exception {
        assertEquals(List.of("w1/x/c"), deliveredFor("w1/+/c", "w1/x/c", "w1/c", "w1/x/y/c"));
    }

    @Test
    void midStarMatchesZeroOrMore() throws Exception {
        assertEquals(List.of("w2/a/b/z", "w2/a/z", "w2/z"), deliveredFor("w2/*/z", "w2/z", "w2/a/z", "w2/a/b/z", "w2/a"));
    }

    @Test
    void trailingStarNeedsAnElementOnSubscribeButNotOnQuery() throws Exception {
        assertEquals(List.of("w3/a", "w3/a/b"), deliveredFor("w3/*", "w3", "w3/a", "w3/a/b", "w4/a"));
        persist("q3", "at q3");
        persist("q3/x", "at q3/x");
        assertEquals(List.of("at q3", "at q3/x"), texts(client.query(QueryParams.uri(uri("q3/*")))));
    }

    @Test
    void persistQueryAndExpiry() throws InterruptedException {
        persist("p/a", "first");
        persist("p/a", "second"); // last value per URI
        persist("p/b/c", "deep");
        // long enough to be accepted however slow this machine is, then waited out
        client.publish(PublishParams.uri(uri("p/e")).persist(true).expiryDelta(Duration.ofMillis(300))
                .payload(PayloadObject.ofString("expires")));
        assertEquals(List.of("expires"), texts(client.query(QueryParams.uri(uri("p/e")))), "retained until it expires");
        Thread.sleep(400);
        assertEquals(List.of("second"), texts(client.query(QueryParams.uri(uri("p/a")))));
        assertEquals(List.of("second"), texts(client.query(QueryParams.uri(uri("p/+")))));
        assertEquals(List.of("deep", "second"), texts(client.query(QueryParams.uri(uri("p/*")))));
        assertEquals(List.of("deep"), texts(client.query(QueryParams.uri(nsVk + "/p/+/c"))));
        assertTrue(client.query(QueryParams.uri(uri("p/nothing"))).isEmpty());
        Message m = client.query(QueryParams.uri(uri("p/a"))).get(0);
        assertEquals(nsVk + "/p/a", m.uri());
    }

    @Test
    void listGivesImmediateChildrenWithoutThePrefixBug() {
        persist("l/a/x", "1");
        persist("l/a/y/z", "2");
        persist("l/ab/q", "3");
        persist("l/a", "4");
        List<String> kids = new ArrayList<>(client.list(ListParams.uri(uri("l/a"))));
        Collections.sort(kids);
        assertEquals(List.of(nsVk + "/l/a/x", nsVk + "/l/a/y"), kids);
        List<String> top = new ArrayList<>(client.list(ListParams.uri(uri("l"))));
        Collections.sort(top);
        assertEquals(List.of(nsVk + "/l/a", nsVk + "/l/ab"), top);
    }

    @Test
    void wildcardsAreRefusedOnPublishPersistAndList() {
        RouterErrorException e = assertThrows(RouterErrorException.class, () -> publish("x/+", "no"));
        assertEquals(409, e.code());
        e = assertThrows(RouterErrorException.class, () -> persist("x/*", "no"));
        assertEquals(409, e.code());
        e = assertThrows(RouterErrorException.class, () -> client.list(ListParams.uri(uri("x/*"))));
        assertEquals(409, e.code());
    }

    @Test
    void badUrisAreRejected() {
        RouterErrorException e = assertThrows(RouterErrorException.class, () -> client.publish(
                PublishParams.uri(Fixture.ALIAS).payload(PayloadObject.ofString("x"))));
        assertEquals(408, e.code());
        e = assertThrows(RouterErrorException.class, () -> publish("a//b", "x"));
        assertEquals(408, e.code());
        e = assertThrows(RouterErrorException.class, () -> client.publish(
                PublishParams.uri("no.such.alias/a").payload(PayloadObject.ofString("x"))));
        assertEquals(428, e.code());
        assertEquals("Could not resolve namespace: [513] Key not found", e.reason());
    }

    @Test
    void unsubscribeEndsTheSubscription() throws Exception {
        List<Message> got = new CopyOnWriteArrayList<>();
        Subscription s = client.subscribe(SubscribeParams.uri(uri("u/a")), got::add);
        publish("u/a", "before");
        waitFor(() -> got.size() == 1);
        s.close();
        s.ended().get(5, TimeUnit.SECONDS);
        publish("u/a", "after");
        Thread.sleep(200);
        assertEquals(1, got.size());
    }

    @Test
    void rawProtocolDetails() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(alice.blob());
            Frame unknown = raw.callOne(Frame.builder("xxxx", 0));
            assertEquals("error", unknown.kv("status"));
            assertEquals("424", unknown.kv("code"));
            assertEquals("Unknown OOB command xxxx", unknown.kv("reason"));
            // subscribe: resp with handle, then packed results when unpack is absent
            long seq = raw.nextSeq();
            raw.send(Frame.builder("subs", seq).kv("uri", uri("raw/s")).build());
            Frame resp = raw.read();
            assertEquals(seq, resp.seqNo());
            assertEquals(24, resp.kv("handle").length());
            assertEquals("false", resp.kv("finished"));
            publish("raw/s", "packed");
            Frame r = raw.read();
            assertEquals("rslt", r.command());
            assertEquals(seq, r.seqNo());
            assertEquals("1.0.1.1", r.pos().get(0).dottedType());
            Frame u = raw.callOne(Frame.builder("usub", 0).kv("handle", resp.kv("handle")));
            assertEquals("okay", u.kv("status"));
            Frame end = raw.read();
            assertEquals(seq, end.seqNo());
            assertTrue(end.finished());
            Frame again = raw.callOne(Frame.builder("usub", 0).kv("handle", resp.kv("handle")));
            assertEquals("433", again.kv("code"));
            Frame bc = raw.callOne(Frame.builder("bcip", 0));
            assertEquals("okay", bc.kv("status"));
            assertNotNull(bc.kv("currentage"));
            Frame noEntity;
            try (RawClient fresh = new RawClient(router.port())) {
                noEntity = fresh.callOne(Frame.builder("publ", 0).kv("uri", uri("a")));
            }
            assertEquals("423", noEntity.kv("code"));
        }
    }

    @Test
    void makeEntityDotAndBuildChain() {
        CreatedEntity e = client.createEntity(CreateEntityParams.of("carol", "made over OOB"));
        assertEquals(44, e.vk().length());
        CreatedDot d = client.createDot(new CreateDotParams(e.vk(), 0, null, null, null, null, List.of(), false,
                uri("carol/*"), "PC"));
        assertEquals(44, d.hash().length());
        List<Chain> chains = client.buildChain(uri("carol/x"), "P", e.vk());
        assertEquals(1, chains.size());
        try (BosswaveClient carol = org.spawnpoint.bosswave.Bosswave.connect(router.address())) {
            carol.setEntity(e.keyBlob());
            carol.publish(PublishParams.uri(uri("carol/x")).payload(PayloadObject.ofString("hi")));
            RouterErrorException err = assertThrows(RouterErrorException.class,
                    () -> carol.publish(PublishParams.uri(uri("elsewhere")).payload(PayloadObject.ofString("no"))));
            assertEquals(401, err.code());
        }
        RouterErrorException bad = assertThrows(RouterErrorException.class, () -> client.createDot(
                CreateDotParams.access(e.vk(), uri("a"), "PQ")));
        assertEquals(405, bad.code());
        assertEquals("Permission string is invalid", bad.reason());
    }

    @Test
    void registryCommandsOverOob() throws Exception {
        EntityKey dave = Fixture.entity("dave");
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(ns.blob());
            Frame pute = raw.callOne(Frame.builder("pute", 0).po(new PayloadObject(48, dave.entity().encoded())));
            assertEquals(dave.entity().vkB64(), pute.kv("vk"), pute.toString());
            var dot = Fixture.dot(ns, dave, ns, "dave/*", "P", 0);
            Frame putd = raw.callOne(Frame.builder("putd", 0).po(new PayloadObject(32, dot.encoded())));
            assertEquals(dot.hashB64(), putd.kv("hash"), putd.toString());
            Frame putc = raw.callOne(Frame.builder("putc", 0).po(new PayloadObject(2, dot.hash())));
            assertEquals("okay", putc.kv("status"), putc.toString());
            Frame rs = raw.callOne(Frame.builder("rsro", 0).kv("key", putc.kv("hash")));
            assertEquals("valid", rs.kv("validity"));
            assertEquals(2, rs.ros().get(0).type());
            rs = raw.callOne(Frame.builder("rsro", 0).kv("key", dave.entity().vkB64()));
            assertEquals("valid", rs.kv("validity"));
            assertEquals(48, rs.ros().get(0).type());
            assertEquals("unknown", raw.callOne(Frame.builder("rsro", 0).kv("key", Fixture.entity("x").entity().vkB64()))
                    .kv("validity"));
            Frame bad = raw.callOne(Frame.builder("putd", 0).po(new PayloadObject(32, new byte[10])));
            assertEquals("402", bad.kv("code"));
            Frame mkla = raw.callOne(Frame.builder("mkla", 0).kv("key", "dave.ns").kv("content", ns.entity().vkB64()));
            assertEquals("okay", mkla.kv("status"));
            Frame dup = raw.callOne(Frame.builder("mkla", 0).kv("key", "dave.ns").kv("content", dave.entity().vkB64()));
            assertEquals("514", dup.kv("code"));
            assertEquals(ns.entity().vkB64(), raw.callOne(Frame.builder("resa", 0).kv("longkey", "dave.ns")).kv("value"));
            Frame mksa = raw.callOne(Frame.builder("mksa", 0).kv("content", ns.entity().vkB64()));
            String hex = mksa.kv("hexkey");
            assertTrue(hex.startsWith("0x"), mksa.toString());
            assertEquals(ns.entity().vkB64(), raw.callOne(Frame.builder("resa", 0).kv("shortkey", hex)).kv("value"));
            assertEquals("513", raw.callOne(Frame.builder("resa", 0).kv("longkey", "nope")).kv("code"));
            var rev = org.spawnpoint.bosswave.router.internal.objects.Revocation.create(ns.seed(), dot.hash(),
                    Fixture.now(), null);
            Frame prvk = raw.callOne(Frame.builder("prvk", 0).po(new PayloadObject(80, rev.encoded())));
            assertEquals("okay", prvk.kv("status"), prvk.toString());
            assertEquals("revoked", raw.callOne(Frame.builder("rsro", 0).kv("key", dot.hashB64())).kv("validity"));
        }
    }

    @Test
    void metadataRoundTrip() {
        client.setMetadata(uri("meta/svc"), "lastalive", "now");
        assertEquals("now", client.getMetadataKey(uri("meta/svc"), "lastalive").orElseThrow().value());
        Set<String> keys = client.getMetadata(uri("meta/svc")).keySet().stream().collect(Collectors.toSet());
        assertTrue(keys.contains("lastalive"));
    }

    @Test
    void noPublishWithoutSubscribersIsLost() {
        publish("nobody/listens", "fine");
        assertFalse(router.subscriptionCount() < 0);
    }

    static void waitFor(java.util.function.BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(10);
        }
    }
}
