package org.spawnpoint.spawnclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.LogsRequest;
import org.spawnpoint.spawnclient.model.LogsResponse;
import org.spawnpoint.spawnclient.model.SealKeyPair;
import org.spawnpoint.spawnclient.model.SealedEntity;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

class BosswaveSpawnClientTest {
    static final String NS_VK = "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=";
    static final String P = "scratch.ns/spawnpoint/alpha";
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    FakeBosswave bw;
    SpawnClient client;
    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        bw = new FakeBosswave();
        client = new BosswaveSpawnClient(bw, false, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(300));
    }

    static PayloadObject heartbeat(String alias, Instant t, long availMem) {
        return new DaemonHeartbeat(alias, Instants.toNanos(t), 8192, 4096, availMem, 2048).toPayloadObject();
    }

    void aliveAt(String uri, Instant t) {
        bw.queryAnswers.put(SpawnUris.heartbeat(uri), List.of(FakeBosswave.message(
                NS_VK + uri.substring(uri.indexOf('/')) + SpawnUris.HEARTBEAT_SUFFIX, heartbeat("alpha", t, 4096))));
    }

    /** The spawnpoint at {@code uri} has (had) heartbeats of these services. */
    void runs(String uri, String... services) {
        List<org.spawnpoint.bosswave.Message> beats = new ArrayList<>();
        for (String s : services) {
            beats.add(FakeBosswave.message(SpawnUris.serviceHeartbeat(uri, s), new ServiceHeartbeat(uri, s,
                    Instants.toNanos(NOW), 512, 1024, 1, 0, 0, 0, 0, 1, "").toPayloadObject()));
        }
        bw.queryAnswers.put(SpawnUris.serviceHeartbeats(uri), beats);
    }

    @Test
    void scanKeysByUriInTheCallersNamespace() {
        bw.queryAnswers.put(SpawnUris.scanPattern("scratch.ns/spawnpoint"), List.of(
                FakeBosswave.message(NS_VK + "/spawnpoint/alpha" + SpawnUris.HEARTBEAT_SUFFIX, heartbeat("same", NOW, 1)),
                FakeBosswave.message(NS_VK + "/spawnpoint/beta" + SpawnUris.HEARTBEAT_SUFFIX, heartbeat("same", NOW, 2)),
                FakeBosswave.message(NS_VK + "/spawnpoint/bad" + SpawnUris.HEARTBEAT_SUFFIX,
                        PayloadObject.of(PoNum.SPAWNPOINT_HEARTBEAT, new byte[] {1})),
                FakeBosswave.message(NS_VK + "/spawnpoint/empty" + SpawnUris.HEARTBEAT_SUFFIX)));
        Map<String, Spawnpoint> found = client.scan("scratch.ns/spawnpoint/");
        assertEquals(List.of("scratch.ns/spawnpoint/alpha", "scratch.ns/spawnpoint/beta"), List.copyOf(found.keySet()),
                "aliases collide, URIs do not; malformed and empty heartbeats are skipped");
        Spawnpoint a = found.get("scratch.ns/spawnpoint/alpha");
        assertEquals(NS_VK + "/spawnpoint/alpha", a.routerUri());
        assertEquals(1, a.availableMem());
        assertEquals(8192, a.totalMem());
        assertTrue(a.isGood(NOW.plusSeconds(9)));
        assertFalse(a.isGood(NOW.plusSeconds(10)));
        assertEquals(List.of("quer scratch.ns/spawnpoint/*/s.spawnpoint/server/i.spawnpoint/signal/heartbeat"), bw.calls,
                "heartbeat queries go without autochain, as the original's");
    }

    @Test
    void scanFailureNamesTheUri() {
        bw.failures.put("quer " + SpawnUris.scanPattern("x.ns"), new RouterErrorException(403, "no permission"));
        SpawnClientException e = assertThrows(SpawnClientException.class, () -> client.scan("x.ns"));
        assertEquals("Cannot scan x.ns: [403] no permission", e.getMessage());
        assertEquals("x.ns", e.spawnpointUri());
    }

    @Test
    void inspectCollectsServicesSpawnpointAndMetadata() {
        ServiceHeartbeat svc = new ServiceHeartbeat(P, "demosvc", Instants.toNanos(NOW), 512, 1024, 12.5, 0, 0, 0, 0, 25, "");
        bw.queryAnswers.put(SpawnUris.serviceHeartbeats(P), List.of(
                FakeBosswave.message(SpawnUris.heartbeat(P), heartbeat("alpha", NOW, 7)),
                FakeBosswave.message(SpawnUris.serviceHeartbeat(P, "demosvc"), svc.toPayloadObject()),
                FakeBosswave.message(SpawnUris.serviceHeartbeat(P, "gone"))));
        bw.metadata.put("owner", new MetadataTuple("me", 1));
        SpawnpointDetails d = client.inspect(P);
        assertEquals(7, d.spawnpoint().orElseThrow().availableMem());
        assertEquals(List.of("demosvc"), List.copyOf(d.services().keySet()));
        ServiceInfo s = d.services().get("demosvc");
        assertEquals(256, s.cpuShareUsage());
        assertEquals(12.5, s.memUsage());
        assertEquals("me", d.metadata().get("owner").value());
        assertEquals(List.of("quer " + SpawnUris.serviceHeartbeats(P), "meta " + P + "/s.spawnpoint"), bw.calls);
    }

    @Test
    void deploySendsWhatTheOriginalSends() throws Exception {
        aliveAt(P, NOW.minusSeconds(3));
        Files.write(dir.resolve("svc.ent"), new byte[] {0x32, 1, 2, 3});
        Files.writeString(dir.resolve("params.yml"), "a: b");
        ServiceConfig cfg = ServiceConfig.parse("""
                entity: svc.ent
                memAlloc: 512M
                cpuShares: 1024
                run: [./x]
                includedFiles: [params.yml]
                """).withServiceName("demosvc");
        List<LogEntry> seen = new ArrayList<>();
        LogTail tail = client.deploy(P + "/", cfg, dir, seen::add);
        assertEquals(List.of(
                "quer " + SpawnUris.heartbeat(P),
                "subs " + SpawnUris.log(P) + " autochain",
                "publ " + SpawnUris.configSlot(P) + " autochain"), bw.calls);
        PublishParams publ = bw.published.get(0);
        assertEquals(2, publ.payloadObjects().size());
        assertEquals("67.0.2.0", publ.payloadObjects().get(0).dottedType());
        ServiceConfig sent = ServiceConfig.parse(publ.payloadObjects().get(0).contentAsString());
        assertEquals(cfg.withEntity(Base64.getEncoder().encodeToString(new byte[] {0x32, 1, 2, 3})), sent);
        assertEquals("64.0.1.0", publ.payloadObjects().get(1).dottedType());
        assertEquals("params.yml", IncludedFiles.fromBase64(publ.payloadObjects().get(1).contentAsString()).get(0).name());

        bw.deliver(SpawnUris.log(P), new LogEntry(1, "alpha", "other", "not mine").toPayloadObject());
        bw.deliver(SpawnUris.log(P), new LogEntry(2, "alpha", "demosvc", "[INFO] booting service").toPayloadObject());
        bw.deliver(SpawnUris.log(P), PayloadObject.of(PoNum.SPAWNPOINT_LOG, new byte[] {(byte) 0xc1}));
        assertEquals(List.of("[INFO] booting service"), seen.stream().map(LogEntry::contents).toList());
        tail.close();
        assertEquals(0, bw.openSubscriptions());
    }

    /** A heartbeat with SealKey: the entity goes sealed for that key, and no plain form is sent. */
    @Test
    void deploySealsTheEntityWhenTheSpawnpointAdvertisesAKey() throws Exception {
        SealKeyPair keys = SealKeyPair.generate();
        bw.queryAnswers.put(SpawnUris.heartbeat(P), List.of(FakeBosswave.message(NS_VK + "/spawnpoint/alpha"
                + SpawnUris.HEARTBEAT_SUFFIX, new DaemonHeartbeat("alpha", Instants.toNanos(NOW), 8192, 4096, 4096,
                2048, keys.publicKey()).toPayloadObject())));
        byte[] entity = {0x32, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7};
        Files.write(dir.resolve("e.ent"), entity);
        List<String> warnings = new ArrayList<>();
        Files.writeString(dir.resolve("secret.yml"), "password: hunter2");
        client.deploy(P, ServiceConfig.parse("entity: e.ent\nmemAlloc: 1G\ncpuShares: 1\nincludedFiles: [secret.yml]")
                .withServiceName("s"), dir, e -> { }, warnings::add);
        String yaml = bw.published.get(0).payloadObjects().get(0).contentAsString();
        byte[] sealedTar = Base64.getDecoder().decode(bw.published.get(0).payloadObjects().get(1).contentAsString());
        assertFalse(new String(sealedTar, java.nio.charset.StandardCharsets.ISO_8859_1).contains("hunter2"));
        ServiceConfig sent = ServiceConfig.parse(yaml);
        assertEquals("", sent.entity());
        assertFalse(yaml.contains("entity:") && !yaml.contains("sealedEntity:"), yaml);
        assertFalse(yaml.contains(Base64.getEncoder().encodeToString(entity)));
        SealedEntity.Opened o = SealedEntity.open(sent.sealedEntity(), keys, NS_VK + "/spawnpoint/alpha", "s", sealedTar);
        assertArrayEquals(entity, o.entity());
        assertEquals("secret.yml", IncludedFiles.read(o.includes()).get(0).name());
        assertEquals(List.of(), warnings);
    }

    /** No entity in the config: one is made for the service, granted PC* on its namespace's services/*, and sealed. */
    @Test
    void aConfigWithoutEntityGetsOneOfItsOwnWithALimitedGrant() throws Exception {
        SealKeyPair keys = SealKeyPair.generate();
        bw.queryAnswers.put(SpawnUris.heartbeat(P), List.of(FakeBosswave.message(NS_VK + "/spawnpoint/alpha"
                + SpawnUris.HEARTBEAT_SUFFIX, new DaemonHeartbeat("alpha", Instants.toNanos(NOW), 8192, 4096, 4096,
                2048, keys.publicKey()).toPayloadObject())));
        client.deploy(P, ServiceConfig.parse("memAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir, e -> { });
        assertEquals(List.of("quer " + SpawnUris.heartbeat(P), "make", "makd bWludGVk scratch.ns/services/* PC* ttl 0",
                "subs " + SpawnUris.log(P) + " autochain", "publ " + SpawnUris.configSlot(P) + " autochain"), bw.calls);
        ServiceConfig sent = ServiceConfig.parse(bw.published.get(0).payloadObjects().get(0).contentAsString());
        SealedEntity.Opened o = SealedEntity.open(sent.sealedEntity(), keys, NS_VK + "/spawnpoint/alpha", "s", null);
        assertArrayEquals(new byte[] {0x32, 9, 9, 9, 9}, o.entity(), "the made entity, as a key file");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no key written anywhere");
        }
    }

    /** Placement makes the entity once and deploys it to each spawnpoint it tries: no second make, no second grant. */
    @Test
    void aMadeEntityIsDeployedAsItIsWithoutMakingAnother() throws Exception {
        SealKeyPair keys = SealKeyPair.generate();
        bw.queryAnswers.put(SpawnUris.heartbeat(P), List.of(FakeBosswave.message(NS_VK + "/spawnpoint/alpha"
                + SpawnUris.HEARTBEAT_SUFFIX, new DaemonHeartbeat("alpha", Instants.toNanos(NOW), 8192, 4096, 4096,
                2048, keys.publicKey()).toPayloadObject())));
        MintedEntity made = client.mintEntity(P, "s").orElseThrow();
        assertEquals("bWludGVk (PC* on scratch.ns/services/*)", made.toString(), "no key in its text");
        ServiceConfig cfg = ServiceConfig.parse("memAlloc: 1G\ncpuShares: 1").withServiceName("s");
        client.deploy(P, cfg, dir, made, e -> { }, w -> { });
        client.deploy(P, cfg, dir, made, e -> { }, w -> { });
        assertEquals(1, bw.calls.stream().filter("make"::equals).count(), bw.calls.toString());
        assertEquals(1, bw.calls.stream().filter(c -> c.startsWith("makd ")).count(), bw.calls.toString());
        ServiceConfig sent = ServiceConfig.parse(bw.published.get(1).payloadObjects().get(0).contentAsString());
        assertArrayEquals(new byte[] {0x32, 9, 9, 9, 9},
                SealedEntity.open(sent.sealedEntity(), keys, NS_VK + "/spawnpoint/alpha", "s", null).entity());
    }

    @Test
    void whenNoEntityCanBeMadeTheErrorSaysWhatToDo() {
        aliveAt(P, NOW);
        bw.failures.put("makd scratch.ns/services/*", new org.spawnpoint.bosswave.RouterErrorException(419,
                "Cannot grant dot"));
        SpawnClientException e = assertThrows(SpawnClientException.class, () -> client.deploy(P,
                ServiceConfig.parse("memAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir, x -> { }));
        assertEquals("Cannot deploy s to " + P + ": the config names no 'entity', and making one for the service "
                + "(PC* on scratch.ns/services/*) failed: [419] Cannot grant dot; give 'entity: FILE' in the config, or "
                + "deploy as an entity registered on the router that holds PC* on scratch.ns/services/* with a TTL above 0",
                e.getMessage());
        assertTrue(bw.published.isEmpty());
    }

    /** A 0.2 heartbeat (no SealKey): the plain form, as before, and a warning saying so. */
    @Test
    void deployToA02SpawnpointSendsThePlainFormWithAWarning() throws Exception {
        aliveAt(P, NOW);
        Files.write(dir.resolve("e.ent"), new byte[] {1, 2});
        List<String> warnings = new ArrayList<>();
        client.deploy(P, ServiceConfig.parse("entity: e.ent\nmemAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir,
                e -> { }, warnings::add);
        ServiceConfig sent = ServiceConfig.parse(bw.published.get(0).payloadObjects().get(0).contentAsString());
        assertEquals("AQI=", sent.entity());
        assertEquals("", sent.sealedEntity());
        assertEquals(List.of("spawnpoint " + P + " does not advertise a seal key (SealKey) in its heartbeat, so it takes"
                + " only the plain form: the private entity of s travels in the clear on " + P + "/.../slot/config,"
                + " readable by every entity allowed to consume there. Upgrade that spawnd to seal it."), warnings);
    }

    @Test
    void aSealedEntityInTheUsersConfigIsRefused() {
        aliveAt(P, NOW);
        SpawnClientException e = assertThrows(SpawnClientException.class, () -> client.deploy(P,
                ServiceConfig.parse("sealedEntity: QUJD\nmemAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir, x -> { }));
        assertTrue(e.getMessage().contains("'sealedEntity' is made by the client when it deploys"), e.getMessage());
    }

    @Test
    void deployWithoutIncludedFilesSendsOnePayload() throws Exception {
        aliveAt(P, NOW);
        Files.write(dir.resolve("e.ent"), new byte[] {1});
        client.deploy(P, ServiceConfig.parse("entity: e.ent\nmemAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir, e -> { });
        assertEquals(1, bw.published.get(0).payloadObjects().size());
    }

    @Test
    void deployRefusals() throws Exception {
        Files.write(dir.resolve("e.ent"), new byte[] {1});
        ServiceConfig ok = ServiceConfig.parse("entity: e.ent\nmemAlloc: 1G\ncpuShares: 1").withServiceName("s");

        SpawnClientException invalid = assertThrows(SpawnClientException.class,
                () -> client.deploy(P, ok.toBuilder().cpuShares(0).build(), dir, e -> { }));
        assertEquals("Cannot deploy s to " + P + ": Invalid service config: 'cpuShares' is missing: must specify CPU"
                + " shares, a whole number above 0 (1024 per core)", invalid.getMessage());
        assertEquals("s", invalid.service());

        SpawnClientException noEntity = assertThrows(SpawnClientException.class,
                () -> client.deploy(P, ok.withEntity("missing.ent"), dir, e -> { }));
        assertTrue(noEntity.getMessage().startsWith("Cannot deploy s to " + P + ": Invalid service config: 'entity'"
                + " expected a readable entity file, could not read "), noEntity.getMessage());

        SpawnClientException missingFile = assertThrows(SpawnClientException.class, () -> client.deploy(P,
                ok.toBuilder().includedFiles(List.of("nope")).build(), dir, e -> { }));
        assertTrue(missingFile.getMessage().contains("'includedFiles' expected existing files, but \"nope\" does not exist"));

        SpawnClientException absent = assertThrows(SpawnClientException.class, () -> client.deploy(P, ok, dir, e -> { }));
        assertEquals("Cannot deploy s to " + P + ": no spawnpoint exists at " + P, absent.getMessage());

        aliveAt(P, NOW.minusSeconds(120));
        SpawnClientException down = assertThrows(SpawnClientException.class, () -> client.deploy(P, ok, dir, e -> { }));
        assertEquals("Cannot deploy s to " + P + ": the spawnpoint appears down (last seen 2m0s ago)", down.getMessage());

        aliveAt(P, NOW);
        bw.failures.put("publ " + SpawnUris.configSlot(P), new RouterErrorException(403, "no permission"));
        SpawnClientException denied = assertThrows(SpawnClientException.class, () -> client.deploy(P, ok, dir, e -> { }));
        assertEquals("Cannot deploy s to " + P + ": failed to publish the configuration: [403] no permission",
                denied.getMessage());
        assertEquals(0, bw.openSubscriptions(), "the log subscription is closed when the publish fails");
        assertTrue(bw.published.isEmpty());
    }

    @Test
    void deployToleratesADaemonClockAhead() throws Exception {
        aliveAt(P, NOW.plusSeconds(30));
        Files.write(dir.resolve("e.ent"), new byte[] {1});
        client.deploy(P, ServiceConfig.parse("entity: e.ent\nmemAlloc: 1G\ncpuShares: 1").withServiceName("s"), dir, e -> { });
        assertEquals(1, bw.published.size());
    }

    @Test
    void restartAndStopPublishTheNameAfterSubscribing() {
        aliveAt(P, NOW);
        runs(P, "demosvc");
        client.restart(P, "demosvc", e -> { }).close();
        client.stop(P, "demosvc", e -> { }).close();
        assertEquals(List.of(
                "quer " + SpawnUris.heartbeat(P), "quer " + SpawnUris.serviceHeartbeats(P),
                "subs " + SpawnUris.log(P) + " autochain", "publ " + SpawnUris.restartSlot(P) + " autochain",
                "quer " + SpawnUris.heartbeat(P), "quer " + SpawnUris.serviceHeartbeats(P),
                "subs " + SpawnUris.log(P) + " autochain", "publ " + SpawnUris.stopSlot(P) + " autochain"), bw.calls);
        for (PublishParams p : bw.published) {
            assertEquals(List.of(PayloadObject.ofString("demosvc")), p.payloadObjects());
        }
    }

    @Test
    void commandRefusals() {
        assertEquals("Cannot restart  on " + P + ": must specify a service name",
                assertThrows(SpawnClientException.class, () -> client.restart(P, "", e -> { })).getMessage());
        assertEquals("No spawnpoint URI given",
                assertThrows(SpawnClientException.class, () -> client.stop(" ", "x", e -> { })).getMessage());
        assertEquals("Cannot tail x on " + P + ": no spawnpoint exists at " + P,
                assertThrows(SpawnClientException.class, () -> client.tail(P, "x", e -> { })).getMessage());
        assertTrue(bw.calls.stream().noneMatch(c -> c.startsWith("subs")));
    }

    @Test
    void tailEndsWhenTheConnectionDrops() {
        aliveAt(P, NOW);
        runs(P, "demosvc");
        LogTail t = client.tail(P, "demosvc", e -> { });
        assertEquals(List.of("quer " + SpawnUris.heartbeat(P), "quer " + SpawnUris.serviceHeartbeats(P),
                "subs " + SpawnUris.log(P) + " autochain"), bw.calls);
        assertFalse(t.ended().isDone());
        bw.dropConnection();
        assertTrue(t.ended().isCompletedExceptionally());
    }

    @Test
    void logsSinceCollectsBatchesForOurNonce() {
        aliveAt(P, NOW);
        runs(P, "demosvc");
        bw.onPublish = p -> {
            LogsRequest req = LogsRequest.decode(p.payloadObjects().get(0).content());
            assertEquals("demosvc", req.svcName());
            assertEquals(NOW.minusSeconds(60).getEpochSecond(), req.startTimeSecs());
            String sig = SpawnUris.logsSignal(P, "demosvc");
            bw.deliver(sig, new LogsResponse(req.nonce() + 1, List.of("someone else's")).toPayloadObject());
            bw.deliver(sig, new LogsResponse(req.nonce(), List.of("one", "two")).toPayloadObject());
            bw.deliver(sig, new LogsResponse(req.nonce(), List.of("three")).toPayloadObject());
            bw.deliver(sig, new LogsResponse(req.nonce(), List.of()).toPayloadObject());
        };
        List<String> lines = new ArrayList<>();
        client.logs(P, "demosvc", NOW.minusSeconds(60), lines::add);
        assertEquals(List.of("one", "two", "three"), lines);
        assertEquals("publ " + SpawnUris.logsSlot(P) + " autochain", bw.calls.get(3));
        assertEquals("2.0.0.0", bw.published.get(0).payloadObjects().get(0).dottedType());
        assertEquals(0, bw.openSubscriptions());
    }

    @Test
    void logsTimesOutWhenTheDaemonDoesNotAnswer() {
        aliveAt(P, NOW);
        runs(P, "s");
        SpawnClientException e = assertThrows(SpawnClientException.class, () -> client.logs(P, "s", NOW, l -> { }));
        assertEquals("Cannot get the logs of s on " + P + ": no answer from the spawnpoint within 300ms"
                + " (log retrieval needs a spawnd of version 0.5 or later)", e.getMessage());
    }

    @Test
    void anUnknownServiceIsRefusedNamingTheServicesThereAre() {
        aliveAt(P, NOW);
        runs(P, "web", "db");
        for (String verb : List.of("restart", "stop", "tail", "logs")) {
            SpawnClientException e = assertThrows(SpawnClientException.class, () -> {
                switch (verb) {
                    case "restart" -> client.restart(P, "ghost", x -> { });
                    case "stop" -> client.stop(P, "ghost", x -> { });
                    case "tail" -> client.tail(P, "ghost", x -> { });
                    default -> client.logs(P, "ghost", NOW, x -> { });
                }
            });
            assertTrue(e.getMessage().endsWith(": the spawnpoint has no service named 'ghost' (its services: db, web);"
                    + " see 'spawnctl inspect -u " + P + "'"), e.getMessage());
        }
        assertTrue(bw.calls.stream().noneMatch(c -> c.startsWith("subs") || c.startsWith("publ")), "nothing sent");
    }

    @Test
    void theOutcomeIsReadFromTheServicesTaggedDaemonMessages() {
        aliveAt(P, NOW);
        runs(P, "demosvc", "other");
        LogTail restart = client.restart(P, "demosvc", e -> { });
        String log = SpawnUris.log(P);
        bw.deliver(log, entry("demosvc", "[INFO] Attempting restart"));
        bw.deliver(log, entry("other", "[FAILURE] Container (re)start failed: not ours"));
        bw.deliver(log, entry("demosvc", "[SUCCESS] Service stopped"));
        assertFalse(restart.outcome().isDone(), "other services and other successes do not count");
        bw.deliver(log, entry("demosvc", "[SUCCESS] Container (re)start successful"));
        assertEquals(new Outcome(true, "Container (re)start successful"), restart.outcome().getNow(null));
        restart.close();

        LogTail stop = client.stop(P, "demosvc", e -> { });
        bw.deliver(log, entry("demosvc", "[FAILURE] Failed to stop container: engine gone"));
        assertEquals(new Outcome(false, "Failed to stop container: engine gone"), stop.outcome().getNow(null));
        stop.close();

        // A 0.2 spawnd writes the same texts untagged.
        LogTail old = client.restart(P, "demosvc", e -> { });
        bw.deliver(log, entry("demosvc", "Service not found"));
        assertEquals(new Outcome(false, "Service not found"), old.outcome().getNow(null));
        old.close();

        LogTail tail = client.tail(P, "demosvc", e -> { });
        bw.deliver(log, entry("demosvc", "[FAILURE] Container stopped: exit 1"));
        assertFalse(tail.outcome().isDone(), "a plain tail has no outcome");
        tail.close();
    }

    private static PayloadObject entry(String service, String text) {
        return new LogEntry(Instants.toNanos(NOW), "alpha", service, text).toPayloadObject();
    }

    @Test
    void closeLeavesAConnectionItDoesNotOwn() {
        client.close();
        assertFalse(bw.closed);
        SpawnClients.owning(bw).close();
        assertTrue(bw.closed);
    }
}
