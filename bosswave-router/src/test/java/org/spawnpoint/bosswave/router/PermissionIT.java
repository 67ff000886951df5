package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;
import org.spawnpoint.bosswave.wire.Frame;

/** The permission matrix over the wire: whatever autochain/doverify say, only valid chains let requests through. */
class PermissionIT {
    static final String NO_CHAIN = "No primary access chain found, cannot elaborate";

    @TempDir
    static Path data;
    static Router router;
    static EntityKey ns;
    static EntityKey pub;      // P on a/* and l/*
    static EntityKey watcher;  // C* on a/*
    static EntityKey reader;   // C on r/x, C+ on rp/+, C* on rs/*
    static EntityKey lister;   // L on l
    static EntityKey expired;  // DOT expired
    static EntityKey revoked;  // DOT revoked
    static EntityKey ttlUser;  // ns -ttl0-> mid -> ttlUser
    static EntityKey broken;   // ns -> ghost (not registered) -> broken
    static EntityKey anyone;   // nothing granted; Everybody can publish on and consume e/*
    static Dot revokedDot;

    @BeforeAll
    static void start() throws Exception {
        ns = Fixture.entity("ns");
        pub = Fixture.entity("pub");
        watcher = Fixture.entity("watcher");
        reader = Fixture.entity("reader");
        lister = Fixture.entity("lister");
        expired = Fixture.entity("expired");
        revoked = Fixture.entity("revoked");
        ttlUser = Fixture.entity("ttl");
        broken = Fixture.entity("broken");
        anyone = Fixture.entity("anyone");
        EntityKey mid = Fixture.entity("mid");
        EntityKey ghost = Fixture.entity("ghost");
        Fixture.registry(data, r -> {
            for (EntityKey e : List.of(ns, pub, watcher, reader, lister, expired, revoked, ttlUser, broken, anyone, mid)) {
                r.putEntity(e.entity());
            }
            r.putAlias("perm.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, pub, ns, "a/*", "P", 0));
            r.putDot(Fixture.dot(ns, pub, ns, "l/*", "P", 0));
            r.putDot(Fixture.dot(ns, watcher, ns, "a/*", "C*", 0));
            r.putDot(Fixture.dot(ns, reader, ns, "r/x", "C", 0));
            r.putDot(Fixture.dot(ns, reader, ns, "rp/+", "C+", 0));
            r.putDot(Fixture.dot(ns, reader, ns, "rs/*", "C*", 0));
            r.putDot(Fixture.dot(ns, lister, ns, "l", "L", 0));
            r.putDot(Fixture.dot(ns, expired.entity().vk(), ns, "a/*", "P", 0, Fixture.now() - 1_000_000_000L));
            revokedDot = Fixture.dot(ns, revoked, ns, "a/*", "P", 0);
            r.putDot(revokedDot);
            r.putDot(Fixture.dot(ns, mid, ns, "a/*", "P", 0));
            r.putDot(Fixture.dot(mid, ttlUser, ns, "a/*", "P", 0));
            r.putDot(Fixture.dot(ns, ghost, ns, "a/*", "P", 3));
            r.putDot(Fixture.dot(ghost, broken, ns, "a/*", "P", 3));
            r.putDot(Fixture.dot(ns, Crypto.EVERYBODY, ns, "e/*", "PC*", 0, null));
            r.putRevocation(Revocation.create(ns.seed(), revokedDot.hash(), Fixture.now(), "test"));
        });
        router = Fixture.start(data, b -> { });
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static RouterErrorException publishFails(EntityKey who, String suffix) {
        try (BosswaveClient c = Fixture.client(router, who)) {
            return assertThrows(RouterErrorException.class, () -> c.publish(PublishParams.uri("perm.ns/" + suffix)
                    .payload(PayloadObject.ofString("x"))));
        }
    }

    private static void assertNoChain(RouterErrorException e) {
        assertEquals(401, e.code());
        assertEquals(NO_CHAIN, e.reason());
    }

    /** The next message on {@code queue}, within a bound generous for a loaded machine. */
    private static Message next(BlockingQueue<Message> queue) throws InterruptedException {
        Message m = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(m, "no message arrived within 10 s");
        return m;
    }

    private static String text(Message m) {
        return m.payloadObjects().get(0).contentAsString();
    }

    @Test
    void granted() throws Exception {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        try (BosswaveClient w = Fixture.client(router, watcher);
             BosswaveClient c = Fixture.client(router, pub)) {
            w.subscribe(SubscribeParams.uri("perm.ns/a/*"), seen::add);
            c.publish(PublishParams.uri("perm.ns/a/b").payload(PayloadObject.ofString("ok")));
            Message m = next(seen);
            assertEquals("ok", text(m));
            assertEquals(pub.entity().vkB64(), m.from(), "subscribers see the publisher as the origin");
            c.publish(PublishParams.uri("perm.ns/a/b").persist(true).payload(PayloadObject.ofString("kept")));
            assertEquals("kept", text(next(seen)));
            List<Message> kept = w.query(QueryParams.uri("perm.ns/a/b"));
            assertEquals(List.of("kept"), kept.stream().map(PermissionIT::text).toList(), "the persisted publish");
            assertEquals(pub.entity().vkB64(), kept.get(0).from());
        }
    }

    @Test
    void notGranted() {
        assertNoChain(publishFails(anyone, "a/b"));
        assertNoChain(publishFails(pub, "b/c"));
    }

    @Test
    void wrongLetter() {
        assertNoChain(publishFails(reader, "r/x"));
        try (BosswaveClient c = Fixture.client(router, pub)) {
            RouterErrorException e = assertThrows(RouterErrorException.class,
                    () -> c.subscribe(SubscribeParams.uri("perm.ns/a/b"), m -> { }));
            assertNoChain(e);
            assertNoChain(assertThrows(RouterErrorException.class, () -> c.list(ListParams.uri("perm.ns/a"))));
        }
    }

    @Test
    void expiredRevokedTtlAndBrokenChains() {
        assertNoChain(publishFails(expired, "a/b"));
        assertNoChain(publishFails(revoked, "a/b"));
        assertNoChain(publishFails(ttlUser, "a/b"));
        assertNoChain(publishFails(broken, "a/b"));
    }

    @Test
    void wildcardSubscriptionsNeedTheMatchingLetterAndMayNotBeBroaderThanTheGrant() {
        try (BosswaveClient c = Fixture.client(router, reader)) {
            c.subscribe(SubscribeParams.uri("perm.ns/r/x"), m -> { }).close();
            c.subscribe(SubscribeParams.uri("perm.ns/rp/+"), m -> { }).close();
            c.subscribe(SubscribeParams.uri("perm.ns/rs/*"), m -> { }).close();
            c.subscribe(SubscribeParams.uri("perm.ns/rs/q/*"), m -> { }).close();
            assertNoChain(assertThrows(RouterErrorException.class,
                    () -> c.subscribe(SubscribeParams.uri("perm.ns/r/+"), m -> { })));
            assertNoChain(assertThrows(RouterErrorException.class,
                    () -> c.subscribe(SubscribeParams.uri("perm.ns/rp/*"), m -> { })));
            assertNoChain(assertThrows(RouterErrorException.class,
                    () -> c.subscribe(SubscribeParams.uri("perm.ns/*"), m -> { })));
            assertNoChain(assertThrows(RouterErrorException.class,
                    () -> c.query(QueryParams.uri("perm.ns/*"))));
        }
    }

    @Test
    void listNeedsL() {
        try (BosswaveClient p = Fixture.client(router, pub);
             BosswaveClient c = Fixture.client(router, lister)) {
            p.publish(PublishParams.uri("perm.ns/l/x").persist(true).payload(PayloadObject.ofString("x")));
            assertEquals(List.of(ns.entity().vkB64() + "/l/x"), c.list(ListParams.uri("perm.ns/l")));
            assertNoChain(assertThrows(RouterErrorException.class, () -> p.list(ListParams.uri("perm.ns/l"))));
        }
    }

    /**
     * A chain that ends at the Everybody VK proves nothing about who signed: the request carries the requester's VK
     * as an origin RO (0x31), and subscribers see that VK as the message's origin, not Everybody's.
     */
    @Test
    void everybodyGrantAddsTheOriginVk() throws Exception {
        BlockingQueue<Message> seen = new LinkedBlockingQueue<>();
        try (BosswaveClient sub = Fixture.client(router, pub);
             BosswaveClient c = Fixture.client(router, anyone)) {
            sub.subscribe(SubscribeParams.uri("perm.ns/e/*"), seen::add);
            c.publish(PublishParams.uri("perm.ns/e/x").payload(PayloadObject.ofString("from anyone")));
            Message m = next(seen);
            assertEquals("from anyone", text(m));
            assertEquals(anyone.entity().vkB64(), m.from());
            List<RoutingObject> origins = m.routingObjects().stream()
                    .filter(ro -> ro.type() == RoutingObject.ORIGIN_VK).toList();
            assertEquals(1, origins.size(), "one origin VK RO: " + m.routingObjects());
            assertArrayEquals(anyone.entity().vk(), origins.get(0).content());
        }
    }

    @Test
    void doVerifyFalseAndAutochainFalseAreStillChecked() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(anyone.blob());
            Frame r = raw.callOne(Frame.builder("publ", 0).kv("uri", "perm.ns/a/b").kv("doverify", "false")
                    .kv("elaborate_pac", "partial"));
            assertEquals("401", r.kv("code"));
            r = raw.callOne(Frame.builder("publ", 0).kv("uri", "perm.ns/a/b").kv("doverify", "false")
                    .kv("elaborate_pac", "none"));
            assertEquals("405", r.kv("code"));
            assertEquals("missing PAC", r.kv("reason"));
            r = raw.callOne(Frame.builder("publ", 0).kv("uri", "perm.ns/a/b").kv("elaborate_pac", "full"));
            assertEquals("409", r.kv("code"));
        }
    }

    @Test
    void revocationOverTheWireTakesEffectImmediately() throws Exception {
        EntityKey temp;
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(ns.blob());
            Frame made = raw.callOne(Frame.builder("make", 0).kv("contact", "temp"));
            assertEquals("okay", made.kv("status"));
            byte[] blob = made.pos().get(0).content();
            temp = org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey.parseBlob(blob);
            Frame dot = raw.callOne(Frame.builder("makd", 0).kv("to", temp.entity().vkB64()).kv("uri", "perm.ns/t/*")
                    .kv("accesspermissions", "P"));
            assertEquals("okay", dot.kv("status"), dot.toString());
            try (BosswaveClient c = Fixture.client(router, temp)) {
                c.publish(PublishParams.uri("perm.ns/t/1").payload(PayloadObject.ofString("ok")));
                Frame rev = raw.callOne(Frame.builder("revk", 0).kv("dot", dot.kv("hash")));
                assertEquals("okay", rev.kv("status"), rev.toString());
                Frame rs = raw.callOne(Frame.builder("rsro", 0).kv("key", dot.kv("hash")));
                assertEquals("revoked", rs.kv("validity"));
                // the same connection and URI as the granted publish: nothing it resolved before may be reused
                assertNoChain(assertThrows(RouterErrorException.class,
                        () -> c.publish(PublishParams.uri("perm.ns/t/1").payload(PayloadObject.ofString("no")))));
            }
        }
        assertNoChain(publishFails(temp, "t/1"));
    }
}
