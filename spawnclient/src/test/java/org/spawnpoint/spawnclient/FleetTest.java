package org.spawnpoint.spawnclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.LogsRequest;
import org.spawnpoint.spawnclient.model.LogsResponse;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

/** fleet() and tailMatching() on the wire, against the in-memory agent. */
class FleetTest {
    static final String NS_VK = "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=";
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    FakeBosswave bw;
    SpawnClient client;

    @BeforeEach
    void setUp() {
        bw = new FakeBosswave();
        client = new BosswaveSpawnClient(bw, false, Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofMillis(300));
    }

    static String vk(String callerUri) {
        return NS_VK + callerUri.substring(callerUri.indexOf('/'));
    }

    static PayloadObject daemon(String alias, Instant t) {
        return new DaemonHeartbeat(alias, Instants.toNanos(t), 8192, 4096, 4096, 2048).toPayloadObject();
    }

    static PayloadObject service(String sp, String name, Instant t, String state, String health, long restarts,
                                 Instant started) {
        return new ServiceHeartbeat(sp, name, Instants.toNanos(t), 512, 1024, 12.5, 0, 0, 0, 0, 25, "", state, health,
                "", restarts, started == null ? 0 : Instants.toNanos(started)).toPayloadObject();
    }

    @Test
    void fleetAsksTwoQueriesAndJoinsServicesToTheirSpawnpoints() {
        String base = "scratch.ns/spawnpoint";
        String a = base + "/alpha";
        String b = base + "/beta";
        bw.queryAnswers.put(SpawnUris.scanPattern(base), List.of(
                FakeBosswave.message(vk(SpawnUris.heartbeat(b)), daemon("beta", NOW.minusSeconds(1))),
                FakeBosswave.message(vk(SpawnUris.heartbeat(a)), daemon("alpha", NOW.minusSeconds(60)))));
        bw.queryAnswers.put(SpawnUris.scanPattern(base) + "/+", List.of(
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(b, "web")),
                        service(b, "web", NOW.minusSeconds(2), "", "healthy", 3, NOW.minusSeconds(100))),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(b, "api")),
                        service(b, "api", NOW.minusSeconds(2), "given-up", "unhealthy", 10, null)),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(a, "old")),
                        service(a, "old", NOW.minusSeconds(60), "", "", 0, null)),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(b, "cleared"))),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(b, "bad")),
                        PayloadObject.of(PoNum.SPAWNPOINT_SVC_HB, new byte[] {1}))));

        Fleet f = client.fleet(base + "/");
        assertEquals(List.of("quer scratch.ns/spawnpoint/*/s.spawnpoint/server/i.spawnpoint/signal/heartbeat",
                "quer scratch.ns/spawnpoint/*/s.spawnpoint/server/i.spawnpoint/signal/heartbeat/+"), bw.calls,
                "two queries, whatever the number of spawnpoints; nothing waited for beyond their answers");
        assertEquals(List.of(a, b), List.copyOf(f.spawnpoints().keySet()));
        assertEquals(List.of(a + " old", b + " api", b + " web"),
                f.services().stream().map(s -> s.spawnpointUri() + " " + s.name()).toList(),
                "sorted by spawnpoint then name; cleared (PO-less) and malformed heartbeats skipped");
        FleetService web = f.services().get(2);
        assertEquals("running", web.state(), "no State means running");
        assertEquals("healthy", web.health());
        assertEquals(3, web.restarts());
        assertEquals(Optional.of(Duration.ofSeconds(100)), web.uptime(NOW));
        FleetService api = f.services().get(1);
        assertEquals("given-up", api.state());
        assertEquals(Optional.empty(), api.uptime(NOW), "no uptime for a service that does not run");
        assertEquals(List.of(b + " api", b + " web"), f.liveServices(NOW).stream()
                .map(s -> s.spawnpointUri() + " " + s.name()).toList(), "alpha is silent for 60 s");
        assertEquals(List.of(b), f.liveSpawnpoints(NOW).stream().map(Spawnpoint::uri).toList());
    }

    @Test
    void fleetFailureNamesTheBase() {
        bw.failures.put("quer " + SpawnUris.scanPattern("x.ns") + "/+", new RouterErrorException(401, "no chain"));
        SpawnClientException e = assertThrows(SpawnClientException.class, () -> client.fleet("x.ns"));
        assertEquals("Cannot list the services under x.ns: [401] no chain", e.getMessage());
        assertTrue(e.getCause() instanceof RouterErrorException);
    }

    static final String LOGS = "scratch.ns/spawnpoint/+/s.spawnpoint/server/i.spawnpoint/signal/log";

    static PayloadObject log(String alias, String svc, String text) {
        return new LogEntry(Instants.toNanos(NOW), alias, svc, text).toPayloadObject();
    }

    @Test
    void patternTailSubscribesOnceWithWildcardsAndFiltersByGlob() {
        List<FleetLogEntry> got = new ArrayList<>();
        LogTail tail = client.tailMatching("scratch.ns/spawnpoint/*", "web*", null, got::add, w -> { });
        assertEquals(List.of("subs " + LOGS + " autochain"), bw.calls);
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/alpha")), log("alpha", "web1", "one"));
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/alpha")), log("alpha", "db", "not me"));
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/gamma")), log("gamma", "web-new", "two"));
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/gamma")), log("gamma", "", "daemon's own"));
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/gamma")),
                PayloadObject.of(PoNum.SPAWNPOINT_LOG, new byte[] {1}));
        assertEquals(List.of("scratch.ns/spawnpoint/alpha web1 one", "scratch.ns/spawnpoint/gamma web-new two"),
                got.stream().map(e -> e.spawnpointUri() + " " + e.service() + " " + e.contents()).toList(),
                "a spawnpoint and a service that appear later are followed; others and malformed ones are not");
        assertEquals(Optional.of(NOW), got.get(0).time());
        assertFalse(got.get(0).history());
        tail.close();
        assertEquals(0, bw.openSubscriptions());
    }

    @Test
    void patternTailWithElementGlobsFiltersWhatTheRouterCannot() {
        List<FleetLogEntry> got = new ArrayList<>();
        client.tailMatching("scratch.ns/spawnpoint/al*", "*", null, got::add, w -> { });
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/alpha")), log("alpha", "x", "yes"));
        bw.deliverTo(LOGS, vk(SpawnUris.log("scratch.ns/spawnpoint/beta")), log("beta", "x", "no"));
        assertEquals(List.of("yes"), got.stream().map(FleetLogEntry::contents).toList());
        assertThrows(IllegalArgumentException.class, () -> client.tailMatching("*/x", "*", null, got::add, w -> { }));
    }

    @Test
    void sinceReplaysEachMatchingServiceFirstThenWhatArrivedMeanwhile() {
        String a = "scratch.ns/spawnpoint/alpha";
        String b = "scratch.ns/spawnpoint/beta";
        String hbPattern = "scratch.ns/spawnpoint/+/s.spawnpoint/server/i.spawnpoint/signal/heartbeat/+";
        bw.queryAnswers.put(hbPattern, List.of(
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(b, "web2")), service(b, "web2", NOW, "", "", 0, null)),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(a, "web1")), service(a, "web1", NOW, "", "", 0, null)),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(a, "gone")),
                        service(a, "web-gone", NOW.minusSeconds(600), "", "", 0, null)),
                FakeBosswave.message(vk(SpawnUris.serviceHeartbeat(a, "db")), service(a, "db", NOW, "", "", 0, null))));
        String answers = "scratch.ns/spawnpoint/+/s.spawnpoint/server/i.spawnpoint/signal/logs/+";
        List<String> asked = new ArrayList<>();
        bw.onPublish = p -> {
            LogsRequest r = LogsRequest.decode(p.payloadObjects().get(0).content());
            asked.add(p.uri() + " " + r.svcName() + " " + r.startTimeSecs());
            // A live message arrives while the history is fetched: it is held back until after the history.
            bw.deliverTo(LOGS, vk(SpawnUris.log(a)), log("alpha", "web1", "live during " + r.svcName()));
            if (r.svcName().equals("web1")) {
                bw.deliverTo(answers, vk(SpawnUris.logsSignal(a, "web1")),
                        new LogsResponse(r.nonce(), List.of("a1", "a2")).toPayloadObject());
                bw.deliverTo(answers, vk(SpawnUris.logsSignal(a, "web1")),
                        new LogsResponse(r.nonce() + 1, List.of("someone else's")).toPayloadObject());
                bw.deliverTo(answers, vk(SpawnUris.logsSignal(a, "web1")),
                        new LogsResponse(r.nonce(), List.of()).toPayloadObject());
            }
            // web2's spawnpoint never answers (a 0.2 spawnd): a warning after the silence timeout, not a failure.
        };
        List<FleetLogEntry> got = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Instant since = NOW.minusSeconds(600);
        LogTail tail = client.tailMatching("scratch.ns/spawnpoint/*", "web*", since, got::add, warnings::add);
        assertEquals(List.of(vk(SpawnUris.logsSlot(a)) + " web1 " + since.getEpochSecond(),
                vk(SpawnUris.logsSlot(b)) + " web2 " + since.getEpochSecond()), asked,
                "one request per matching service with a live heartbeat, to its own spawnpoint");
        assertEquals(List.of("history a1", "history a2", "live live during web1", "live live during web2"),
                got.stream().map(e -> (e.history() ? "history " : "live ") + e.contents()).toList());
        assertEquals(Optional.empty(), got.get(0).time());
        assertEquals(List.of("no history of web2 on " + b + ": no answer within 300ms (log retrieval needs a spawnd"
                + " of version 0.5 or later)"), warnings);
        assertEquals(1, bw.openSubscriptions(), "the answers' subscription is closed, the live one stays");
        bw.deliverTo(LOGS, vk(SpawnUris.log(a)), log("alpha", "web1", "after"));
        assertEquals("after", got.get(got.size() - 1).contents());
        tail.close();
    }

    @Test
    void refusalsAreAdmissionFailuresOnly() {
        assertTrue(new Outcome(false, "Failed to launch service: Insufficient Spawnpoint memory for requested "
                + "allocation (have 100, want 512)").refused());
        assertTrue(new Outcome(false, "Failed to launch service: Spawnpoint alpha does not allow use of host network "
                + "stack").refused());
        assertFalse(new Outcome(false, "Container (re)start failed: no such image").refused());
        assertFalse(new Outcome(true, "Insufficient ").refused());
    }

    @Test
    void admissionIsTheBootingMessage() {
        assertTrue(Placer.isAdmission(new LogEntry(0, "a", "s", "[INFO] Booting service")));
        assertTrue(Placer.isAdmission(new LogEntry(0, "a", "s", "booting service\n")), "0.2's untagged text");
        assertFalse(Placer.isAdmission(new LogEntry(0, "a", "s", "[INFO] Found instance of service already running")));
    }
}
