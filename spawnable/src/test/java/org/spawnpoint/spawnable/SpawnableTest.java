package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.payload.PayloadObject;

class SpawnableTest {
    @TempDir
    Path dir;

    private final FakeBosswaveClient fake = new FakeBosswaveClient();
    private final List<ClientOptions> connections = new ArrayList<>();

    private BosswaveClient connector(ClientOptions o) {
        connections.add(o);
        return fake;
    }

    private Path entityFile() throws Exception {
        Path f = dir.resolve("entity.key");
        Files.write(f, new byte[] {50, 1, 2, 3});
        return f;
    }

    @Test
    void connectUsesTheAgentVariableWithReconnectAndSetsTheEntityFile() throws Exception {
        Path key = entityFile();
        BosswaveClient c = Spawnable.connect(Map.of("BW2_AGENT", "172.17.0.1", "BW2_DEFAULT_ENTITY", key.toString()),
                this::connector);
        assertSame(fake, c);
        assertEquals(1, connections.size());
        assertEquals("172.17.0.1", connections.get(0).address());
        assertEquals("172.17.0.1:28589", connections.get(0).resolvedAddress());
        assertTrue(connections.get(0).autoReconnect());
        assertEquals(key, fake.entityFile);
    }

    @Test
    void missingEntityVariableIsExplained() {
        var e = assertThrows(SpawnableException.class, () -> Spawnable.connect(Map.of(), this::connector));
        assertEquals("$BW2_DEFAULT_ENTITY is not set: it must name this service's entity file (spawnd sets it to"
                + " /srv/spawnpoint/entity.key)", e.getMessage());
        assertTrue(connections.isEmpty(), "no connection is attempted without an entity");
    }

    @Test
    void entityVariableNamingNoFileIsExplained() {
        Path nowhere = dir.resolve("absent.key");
        var e = assertThrows(SpawnableException.class,
                () -> Spawnable.connect(Map.of("BW2_DEFAULT_ENTITY", nowhere.toString()), this::connector));
        assertEquals("$BW2_DEFAULT_ENTITY names " + nowhere + ", which is not a readable file", e.getMessage());
    }

    @Test
    void unreachableAgentNamesTheAddressAndWhereItCameFrom() throws Exception {
        Path key = entityFile();
        var e = assertThrows(AgentUnreachableException.class, () -> Spawnable.connect(
                Map.of("BW2_AGENT", "10.9.9.9:1234", "BW2_DEFAULT_ENTITY", key.toString()),
                o -> {
                    throw new ConnectionClosedException("Connection refused");
                }));
        assertTrue(e.getMessage().startsWith("Could not connect to the BOSSWAVE agent at 10.9.9.9:1234 ($BW2_AGENT):"
                + " "), e.getMessage());
        assertTrue(e.getMessage().contains("Connection refused"), e.getMessage());
    }

    @Test
    void refusedEntityClosesTheConnectionAndSaysWhichFile() throws Exception {
        Path key = entityFile();
        fake.entityFailure = new org.spawnpoint.bosswave.RouterErrorException(500, "bad entity");
        var e = assertThrows(SpawnableException.class, () -> Spawnable.connect(
                Map.of("BW2_AGENT", "agent:28589", "BW2_DEFAULT_ENTITY", key.toString()), this::connector));
        assertEquals("The BOSSWAVE agent at agent:28589 ($BW2_AGENT) did not accept the entity in " + key
                + " ($BW2_DEFAULT_ENTITY): [500] bad entity", e.getMessage());
        assertTrue(fake.closed);
    }

    @Test
    void registerServiceUnderSvcBaseUriAndItsInterface() {
        Params p = Spawnable.parseParams("svc_base_uri: scratch.ns/services//\n", "params.yml");
        Service svc = Spawnable.registerService(fake, p, "s.hello");
        assertEquals("scratch.ns/services/s.hello", svc.uri());
        assertEquals(List.of("scratch.ns/services/s.hello"), fake.registeredServices);
        ServiceInterface iface = Spawnable.registerInterface(svc, "i.hello", "greeter");
        assertEquals("scratch.ns/services/s.hello/i.hello/greeter", iface.uri());
        iface.publishSignal("greeting", PayloadObject.ofString("hi"));
        assertEquals("scratch.ns/services/s.hello/i.hello/greeter/signal/greeting", fake.published.get(0).uri());
    }

    @Test
    void registerServiceValidatesItsParts() {
        Params noBase = Spawnable.parseParams("greeting: hi\n", "params.yml");
        assertEquals("Missing parameter 'svc_base_uri' in params.yml: expected a string",
                assertThrows(ParamsException.class, () -> Spawnable.registerService(fake, noBase, "s.x")).getMessage());
        assertEquals("service name 's/x' must be one URI element, without /, *, + or blanks",
                assertThrows(IllegalArgumentException.class,
                        () -> Spawnable.registerService(fake, "ns/a", "s/x")).getMessage());
        assertEquals("service base URI 'ns/+/a' must not contain the wildcards * or +",
                assertThrows(IllegalArgumentException.class,
                        () -> Spawnable.registerService(fake, "ns/+/a", "s.x")).getMessage());
        assertEquals("service base URI is empty",
                assertThrows(IllegalArgumentException.class,
                        () -> Spawnable.registerService(fake, "/", "s.x")).getMessage());
        Service svc = Spawnable.registerService(fake, "ns/a", "s.x");
        assertEquals("interface name 'a b' must be one URI element, without /, *, + or blanks",
                assertThrows(IllegalArgumentException.class,
                        () -> Spawnable.registerInterface(svc, "i.x", "a b")).getMessage());
        assertEquals(List.of("ns/a/s.x"), fake.registeredServices);
    }

    @Test
    void registrationFailureSaysWhatAndWhere() {
        fake.registerFailure = FakeBosswaveClient.denied("ns/a/s.x");
        var e = assertThrows(SpawnableException.class, () -> Spawnable.registerService(fake, "ns/a", "s.x"));
        assertEquals("Could not register service s.x at ns/a: [401] no permission on ns/a/s.x", e.getMessage());
    }

    @Test
    void mergeMetadataConvenienceUsesThePublisher() {
        Params p = Spawnable.parseParams("svc_base_uri: ns/a\nmetadata: {s.x: {k: v}}\n", "params.yml");
        var out = Spawnable.mergeMetadata(fake, p);
        assertEquals(1, out.size());
        assertEquals("ns/a/s.x/!meta/k", out.get(0).uri());
        assertEquals(MetadataPublisher.Status.SET, out.get(0).status());
        assertFalse(fake.published.isEmpty());
    }
}
