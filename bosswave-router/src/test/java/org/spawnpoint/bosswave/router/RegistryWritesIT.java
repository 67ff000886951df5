package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Registry writes over the wire need a valid registered entity, are rate-limited per entity and bounded in size;
 * {@code make} without an entity makes an entity but registers nothing; refusals do not grow the log per attempt.
 */
class RegistryWritesIT {
    static final int RATE = 5;
    @TempDir
    static Path data;
    static Router router;
    static EntityKey ns;
    static EntityKey user;

    @BeforeAll
    static void start() throws Exception {
        ns = Fixture.entity("ns");
        user = Fixture.entity("user");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("reg.ns", ns.entity().vk());
        });
        router = Fixture.start(data, b -> b.registryWritesPerMinute(RATE).maxRegistryObjectBytes(1024));
    }

    @AfterAll
    static void stop() {
        router.close();
    }

    private static void assertRefused(Frame r, String code, String text) {
        assertEquals("error", r.kv("status"), r.toString());
        assertEquals(code, r.kv("code"), r.toString());
        assertTrue(r.kv("reason").contains(text), r.kv("reason"));
    }

    @Test
    void anonymousWritesAreRefusedAndMakeRegistersNothing() throws Exception {
        EntityKey stranger = Fixture.entity("stranger");
        try (RawClient raw = new RawClient(router.port()); LogCapture log = new LogCapture()) {
            Frame made = raw.callOne(Frame.builder("make", 0).kv("contact", "anon"));
            assertEquals("okay", made.kv("status"), made.toString());
            assertEquals("unknown", raw.callOne(Frame.builder("rsro", 0).kv("key", made.kv("vk"))).kv("validity"),
                    "an anonymous make registers nothing");
            for (int i = 0; i < 2000; i++) {
                assertRefused(raw.callOne(Frame.builder("pute", 0).po(new PayloadObject(48,
                        stranger.entity().encoded()))), "423", "sete");
            }
            assertRefused(raw.callOne(Frame.builder("putd", 0).po(new PayloadObject(32,
                    Fixture.dot(ns, stranger, ns, "*", "P", 0).encoded()))), "423", "anonymous");
            assertRefused(raw.callOne(Frame.builder("mkla", 0).kv("key", "anon.alias").kv("content",
                    stranger.entity().vkB64())), "423", "sete");
            assertRefused(raw.callOne(Frame.builder("mksa", 0).kv("content", stranger.entity().vkB64())), "423",
                    "sete");
            assertRefused(raw.callOne(Frame.builder("putc", 0).po(new PayloadObject(2, new byte[32]))), "423", "sete");
            assertEquals("unknown", raw.callOne(Frame.builder("rsro", 0).kv("key", stranger.entity().vkB64()))
                    .kv("validity"));
            assertEquals("513", raw.callOne(Frame.builder("resa", 0).kv("longkey", "anon.alias")).kv("code"));
            int lines = log.lines(Level.WARN, "registry write").size();
            assertTrue(lines <= 5, "2,005 refusals logged " + lines + " lines");
        }
    }

    @Test
    void anUnregisteredEntityMayNotWrite() throws Exception {
        EntityKey stranger = Fixture.entity("stranger2");
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(stranger.blob());
            assertRefused(raw.callOne(Frame.builder("pute", 0).po(new PayloadObject(48, stranger.entity().encoded()))),
                    "419", "Unknown");
            assertRefused(raw.callOne(Frame.builder("make", 0).kv("contact", "x")), "419", "registered entity");
        }
    }

    @Test
    void aRegisteredEntityWritesWithinItsRateAndSize() throws Exception {
        try (RawClient raw = new RawClient(router.port())) {
            raw.setEntity(user.blob());
            assertRefused(raw.callOne(Frame.builder("putc", 0).po(new PayloadObject(2, new byte[32 * 40]))), "409",
                    "maxRegistryObjectBytes");
            assertRefused(raw.callOne(Frame.builder("mkla", 0).kv("key", "stolen.ns").kv("content",
                    ns.entity().vkB64())), "515", "may only be made by that entity");
            for (int i = 0; i < RATE; i++) {
                EntityKey e = Fixture.entity("e" + i);
                Frame r = raw.callOne(Frame.builder("pute", 0).po(new PayloadObject(48, e.entity().encoded())));
                assertEquals("okay", r.kv("status"), r.toString());
            }
            assertRefused(raw.callOne(Frame.builder("pute", 0).po(new PayloadObject(48,
                    Fixture.entity("one-too-many").entity().encoded()))), "409", "registryWritesPerMinute");
            Frame made = raw.callOne(Frame.builder("make", 0).kv("contact", "x"));
            assertRefused(made, "409", "registryWritesPerMinute");
        }
        try (RawClient owner = new RawClient(router.port())) {
            owner.setEntity(ns.blob());
            assertEquals("okay", owner.callOne(Frame.builder("mkla", 0).kv("key", "own.ns")
                    .kv("content", ns.entity().vkB64())).kv("status"), "the namespace owner may alias it");
            Frame made = owner.callOne(Frame.builder("make", 0).kv("contact", "registered"));
            assertEquals("valid", owner.callOne(Frame.builder("rsro", 0).kv("key", made.kv("vk"))).kv("validity"),
                    "a make by a registered entity registers");
        }
    }
}
