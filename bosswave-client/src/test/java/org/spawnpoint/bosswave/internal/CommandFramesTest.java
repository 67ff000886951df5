package org.spawnpoint.bosswave.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.wire.Frame;

/** kv order for the requests the captured vectors do not cover, and refusal of what would crash a Go peer. */
class CommandFramesTest {

    private static List<String> keys(Frame f) {
        return f.kvs().stream().map(Frame.Kv::key).toList();
    }

    @Test
    void publishWithEverythingFollowsBw2bindOrder() {
        Frame f = CommandFrames.publish(PublishParams.uri("ns/a").autoChain(true)
                .expiry(Instant.parse("2030-01-02T03:04:05Z")).expiryDelta(Duration.ofMillis(1500))
                .primaryAccessChain("PAC").elaboratePac("full").persist(true)
                .routingObject(new RoutingObject(RoutingObject.ORIGIN_VK, new byte[32]))
                .payload(PayloadObject.ofString("x")), true).build();
        assertEquals("pers", f.command());
        assertEquals(List.of("autochain", "expiry", "expirydelta", "uri", "primary_access_chain", "elaborate_pac",
                "doverify", "persist"), keys(f));
        assertEquals("2030-01-02T03:04:05Z", f.kv("expiry"));
        assertEquals("1.5s", f.kv("expirydelta"));
        assertEquals("full", f.kv("elaborate_pac"));
        assertEquals(1, f.ros().size());
    }

    @Test
    void queryPackedOmitsUnpack() {
        Frame f = CommandFrames.subscribeOrQuery("quer", QueryParams.uri("ns/*").leavePacked(true).doNotVerify(true),
                false).build();
        assertEquals(List.of("uri", "elaborate_pac", "doverify"), keys(f));
        assertEquals("false", f.kv("doverify"));
    }

    @Test
    void makeDotFollowsBw2bindOrder() {
        Frame f = CommandFrames.makeDot(new CreateDotParams("TOVK", 3, null, Duration.ofHours(24), "c", null,
                List.of("R1", "R2"), true, "ns/a/*", "PC*")).build();
        assertEquals(List.of("expirydelta", "contact", "comment", "revoker", "revoker", "omitcreationdate", "ttl", "to",
                "ispermission", "uri", "accesspermissions"), keys(f));
        assertEquals("24h0m0s", f.kv("expirydelta"));
        assertEquals("", f.kv("comment"));
        assertEquals("3", f.kv("ttl"));
        assertEquals("false", f.kv("ispermission"));
    }

    @Test
    void makeEntityAlwaysSendsContactAndComment() {
        Frame f = CommandFrames.makeEntity(new CreateEntityParams(null, null, null, null, List.of(), false)).build();
        assertEquals(List.of("contact", "comment"), keys(f));
    }

    @Test
    void refusesWhatTheAgentCannotParse() {
        IllegalArgumentException ro = assertThrows(IllegalArgumentException.class, () -> CommandFrames.publish(
                PublishParams.uri("ns/a").routingObject(new RoutingObject(7, new byte[1])), false));
        assertTrue(ro.getMessage().startsWith("routingObjects[0]: RO type 7"), ro.getMessage());
        IllegalArgumentException po = assertThrows(IllegalArgumentException.class, () -> CommandFrames.publish(
                PublishParams.uri("ns/a").payload(PayloadObject.ofString("ok"), PayloadObject.of(0, new byte[0])), false));
        assertTrue(po.getMessage().startsWith("payloadObjects[1]: PO number 0.0.0.0"), po.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CommandFrames.publish(PublishParams.uri(""), false));
        assertThrows(IllegalArgumentException.class, () -> CommandFrames.setEntity(new byte[10]));
    }

    @Test
    void metadataPrefixesIncludeTheNamespace() {
        assertEquals(List.of("ns", "ns/a", "ns/a/b"), Metadata.prefixes("ns/a/b/"));
        assertEquals(List.of("ns"), Metadata.prefixes("ns"));
        assertEquals("ns/a/!meta/k", Metadata.metaUri("ns/a/", "k"));
        assertThrows(IllegalArgumentException.class, () -> Metadata.metaUri("ns/a", "k/x"));
    }

    @Test
    void addressesAreHostAndPort() {
        assertEquals(28589, Connection.parseAddress("localhost:28589").getPort());
        assertTrue(Connection.parseAddress("[::1]:1").getAddress().isLoopbackAddress());
        assertThrows(IllegalArgumentException.class, () -> Connection.parseAddress("host:"));
        assertThrows(IllegalArgumentException.class, () -> Connection.parseAddress("host:99999"));
    }
}
