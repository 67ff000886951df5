package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.FleetLogEntry;
import org.spawnpoint.spawnclient.FleetService;
import org.spawnpoint.spawnclient.Outcome;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;

/** ps, pattern tail and placement, through CommandLine.execute with a scripted client. */
class FleetCommandsTest {
    static final String BASE = "scratch.ns/spawnpoint";
    static final Instant NOW = CtlHarness.NOW;

    @TempDir
    Path dir;
    CtlHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new CtlHarness(dir);
        Files.write(h.workDir.resolve("me.ent"), new byte[] {0x32});
    }

    static Spawnpoint sp(String name, long ageSeconds, long freeMem, long freeCpu) {
        return new Spawnpoint(BASE + "/" + name, "VK=/spawnpoint/" + name, name, NOW.minusSeconds(ageSeconds), 8192,
                4096, freeMem, freeCpu);
    }

    static FleetService svc(String spName, String name, long ageSeconds, String state, String health, double mem,
                            long alloc, double cpu, Long upSeconds, long restarts) {
        return new FleetService(BASE + "/" + spName, name, NOW.minusSeconds(ageSeconds), state, health, "", mem, alloc,
                cpu, 512, upSeconds == null ? Optional.empty() : Optional.of(NOW.minusSeconds(upSeconds)), restarts);
    }

    void scriptFleet() {
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/beta", sp("beta", 2, 4096, 2048), BASE + "/alpha",
                sp("alpha", 1, 4096, 2048), BASE + "/gamma", sp("gamma", 60, 4096, 2048)), List.of(
                svc("beta", "web", 1, "running", "healthy", 12.5, 512, 25.0, 3725L, 2),
                svc("beta", "stale", 30, "running", "", 1, 64, 0, 40L, 0),
                svc("alpha", "zeta", 2, "running", "", 100.25, 1024, 150.0, 45L, 0),
                svc("gamma", "old", 60, "running", "", 1, 64, 0, 100L, 0),
                svc("alpha", "api", 3, "given-up", "unhealthy", 0, 256, 0, null, 7)));
    }

    // --- ps --------------------------------------------------------------------------------------------------

    @Test
    void psListsLiveServicesSortedAndAligned() {
        scriptFleet();
        assertEquals(0, h.run("-e", "me.ent", "ps", "-u", BASE + "/"), h.err());
        assertEquals("""
                SPAWNPOINT  SERVICE  STATE     HEALTH     MEM MiB     CPU     UPTIME  RESTARTS
                alpha       api      given-up  unhealthy  0.0/256     0.0%    -       7
                alpha       zeta     running   -          100.3/1024  150.0%  45s     0
                beta        web      running   healthy    12.5/512    25.0%   1h2m    2
                """, h.out());
        assertEquals(List.of("fleet " + BASE), h.client.calls, "one call: the heartbeats are all there is to wait for");
        assertEquals("", h.err());
    }

    @Test
    void psAllAddsStaleOnesWithTheirAge() {
        scriptFleet();
        assertEquals(0, h.run("-e", "me.ent", "ps", BASE, "--all"), h.err());
        assertEquals("""
                SPAWNPOINT  SERVICE  STATE     HEALTH     MEM MiB     CPU     UPTIME  RESTARTS  SEEN
                alpha       api      given-up  unhealthy  0.0/256     0.0%    -       7         3s
                alpha       zeta     running   -          100.3/1024  150.0%  45s     0         2s
                beta        stale    running   -          1.0/64      0.0%    40s     0         30s
                beta        web      running   healthy    12.5/512    25.0%   1h2m    2         1s
                gamma       old      running   -          1.0/64      0.0%    1m40s   0         1m0s (spawnpoint down)
                """, h.out());
    }

    @Test
    void psColoursStateAndHealthOnATerminalWithoutBreakingTheColumns() {
        scriptFleet();
        h.terminal = true;
        assertEquals(0, h.run("-e", "me.ent", "ps", "-u", BASE));
        String[] lines = h.out().split("\n");
        assertEquals("alpha       api      \u001b[1;31mgiven-up\u001b[0m  \u001b[1;31munhealthy\u001b[0m  0.0/256     "
                + "0.0%    -       7", lines[1]);
        assertTrue(lines[3].contains("\u001b[1;32mrunning\u001b[0m   \u001b[1;32mhealthy\u001b[0m    12.5/512"), lines[3]);
        assertEquals(0, h.run("-e", "me.ent", "--color", "never", "ps", "-u", BASE));
        assertFalse(h.out().contains("\u001b"));
    }

    @Test
    void psJson() {
        scriptFleet();
        assertEquals(0, h.run("-e", "me.ent", "ps", "-u", BASE, "--json"));
        String out = h.out();
        assertTrue(out.startsWith("{\n  \"baseUri\": \"scratch.ns/spawnpoint\",\n  \"spawnpoints\": [\n"), out);
        assertTrue(out.contains("\"uri\": \"scratch.ns/spawnpoint/alpha\""), out);
        assertFalse(out.contains("\"uri\": \"scratch.ns/spawnpoint/gamma\""), "stale spawnpoints only with --all");
        int api = out.indexOf("\"name\": \"api\"");
        int zeta = out.indexOf("\"name\": \"zeta\"");
        int web = out.indexOf("\"name\": \"web\"");
        assertTrue(api > 0 && api < zeta && zeta < web, "sorted: " + out);
        assertTrue(out.contains("""
                      "spawnpoint": "scratch.ns/spawnpoint/beta",
                      "name": "web",
                      "state": "running",
                      "health": "healthy",
                      "healthDetail": "",
                      "memUsageMiB": 12.5,
                      "memAllocMiB": 512,
                      "cpuPercent": 25.0,
                      "cpuShares": 512,
                      "startedAt": "2026-11-25T08:57:55Z",
                      "uptimeSeconds": 3725,
                      "restarts": 2,
                      "lastSeen": "2026-11-25T09:59:59Z",
                      "ageMillis": 1000,
                      "fresh": true,
                      "spawnpointAlive": true
                """), out);
        assertTrue(out.contains("\"uptimeSeconds\": null"), "api does not run");
        assertEquals(0, h.run("-e", "me.ent", "ps", "-u", BASE, "--json", "--all"));
        assertTrue(h.out().contains("\"name\": \"old\""));
        assertTrue(h.out().contains("\"alive\": false"));
    }

    @Test
    void psOfNothingSaysSo() {
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/alpha", sp("alpha", 1, 1, 1)), List.of());
        assertEquals(0, h.run("-e", "me.ent", "ps", "-u", BASE));
        assertEquals("No live services under scratch.ns/spawnpoint (1 live spawnpoint(s), 0 stale; --all shows stale "
                + "ones)\n", h.out());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "ps"));
        assertEquals("Missing 'uri' parameter: give -u/--uri URI or set $SPAWNPOINT_DEFAULT_URI\n", h.err());
    }

    // --- pattern tail ----------------------------------------------------------------------------------------

    static FleetLogEntry line(String spName, String service, String text, boolean history) {
        return new FleetLogEntry(BASE + "/" + spName, service, spName, history ? Optional.empty() : Optional.of(NOW),
                text, history);
    }

    @Test
    void patternTailPrefixesEachLineWithItsOrigin() {
        scriptFleet();
        h.client.fleetLog = List.of(line("alpha", "web1", "old", true), line("alpha", "web1", "\nhello\nworld\n", false),
                line("be", "web2", "x", false));
        h.interrupt.complete(null);
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-n", "web*"), h.err());
        assertEquals("""
                Following 1 service(s) named web* on 2 live spawnpoint(s) matching scratch.ns/spawnpoint/*, and any \
                that appear. Press Ctrl-C to quit.
                alpha/web1 | old
                alpha/web1 | [11/25 10:00:00] hello
                alpha/web1 | [11/25 10:00:00] world
                be/web2    | [11/25 10:00:00] x
                """, h.out());
        assertEquals(List.of("fleet " + BASE, "tailMatching " + BASE + "/* web* null"), h.client.calls);
        assertTrue(h.client.tailClosed, "Ctrl-C ends it and unsubscribes");
    }

    @Test
    void patternTailColoursEachOriginOnATerminal() {
        h.client.fleetLog = List.of(line("alpha", "a", "1", false), line("beta", "b", "2", false),
                line("alpha", "a", "3", false));
        h.interrupt.complete(null);
        h.terminal = true;
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/*"), h.err());
        String[] lines = h.out().split("\n");
        assertEquals("\u001b[1;36malpha/a |\u001b[0m [11/25 10:00:00] 1", lines[1]);
        assertEquals("\u001b[1;32mbeta/b  |\u001b[0m [11/25 10:00:00] 2", lines[2]);
        assertEquals("\u001b[1;36malpha/a |\u001b[0m [11/25 10:00:00] 3", lines[3]);
        assertEquals(List.of("fleet " + BASE, "tailMatching " + BASE + "/* * null"), h.client.calls,
                "no -n with a pattern in -u: every service");
    }

    @Test
    void sinceIsADurationOrATime() {
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-n", "web*", "--since", "10m", "--no-tail"));
        assertEquals("", h.out(), "--no-tail: the history only, no banner");
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-s", "2026-11-25T08:00:00Z", "--no-tail"));
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-s", "2026-11-25 09:30", "--no-tail"));
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/alpha", "-n", "demosvc", "-s", "1h", "--no-tail"));
        assertEquals(List.of("fleet " + BASE, "tailMatching " + BASE + "/* web* 2026-11-25T09:50:00Z",
                "fleet " + BASE, "tailMatching " + BASE + "/* * 2026-11-25T08:00:00Z",
                "fleet " + BASE, "tailMatching " + BASE + "/* * 2026-11-25T09:30:00Z",
                "fleet " + BASE + "/alpha", "tailMatching " + BASE + "/alpha demosvc 2026-11-25T09:00:00Z"),
                h.client.calls, "a literal -u and -n with --since: that one service's history, then its log");
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-s", "yesterday"));
        assertTrue(h.err().startsWith("Invalid 'since' parameter: expected a duration such as 30s"), h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "tail", "-u", BASE + "/*", "-s", "2026-13-45"));
        assertEquals("Invalid 'since' parameter: \"2026-13-45\" is not a time; expected e.g. 2026-12-02T22:00:00Z or "
                + "2026-12-02 22:00 (local time)\n", h.err());
    }

    @Test
    void badPatternsAreUsageErrorsAndAPlainTailIsUnchanged() {
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "tail", "-u", "*/spawnpoint", "-n", "x*"));
        assertEquals("Invalid pattern: \"*/spawnpoint\": the namespace (the first element) cannot be a pattern; "
                + "BOSSWAVE subscribes within one namespace\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "tail", "-u", BASE + "/alpha"));
        assertEquals("Missing 'name' parameter: give -n/--name NAME\n", h.err());
        h.interrupt.complete(null);
        assertEquals(0, h.run("-e", "me.ent", "tail", "-u", BASE + "/alpha", "-n", "demosvc"));
        assertEquals("Monitoring service log. Press Ctrl-C to quit.\n", h.out());
        assertEquals(List.of("tail " + BASE + "/alpha demosvc"), h.client.calls);
    }

    // --- placement -------------------------------------------------------------------------------------------

    private void writeConfig() throws IOException {
        Files.writeString(h.workDir.resolve("deploy.yml"), "entity: me.ent\nmemAlloc: 512M\ncpuShares: 1024\nrun: [./x]\n");
    }

    static LogEntry log(String alias, String text) {
        return new LogEntry(Instants.toNanos(NOW), alias, "demosvc", text);
    }

    static final String NO_MEMORY = "Failed to launch service: Insufficient Spawnpoint memory for requested allocation"
            + " (have 300, want 512)";

    @Test
    void placementTriesTheMostFreeMemoryFirstAndMovesOnAfterARefusal() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(
                BASE + "/small", sp("small", 1, 600, 4096),
                BASE + "/big", sp("big", 1, 4000, 2048),
                BASE + "/mid", sp("mid", 1, 2000, 2048),
                BASE + "/tiny", sp("tiny", 1, 100, 4096),
                BASE + "/nocpu", sp("nocpu", 1, 8000, 512),
                BASE + "/down", sp("down", 60, 8000, 4096)), List.of());
        h.client.logAt.put(BASE + "/big", List.of(log("big", "[FAILURE] " + NO_MEMORY)));
        h.client.outcomeAt.put(BASE + "/big", new Outcome(false, NO_MEMORY));
        h.client.logAt.put(BASE + "/mid", List.of(log("mid", "[INFO] Booting service")));
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n", "demosvc",
                "--no-tail"), h.err());
        assertEquals(List.of("fleet " + BASE, "deploy " + BASE + "/big demosvc", "deploy " + BASE + "/mid demosvc"),
                h.client.calls, "tiny and nocpu do not fit by their heartbeats, down is silent; big refuses");
        assertEquals("""
                [11/25 10:00:00] big::demosvc > [FAILURE] %s
                [11/25 10:00:00] mid::demosvc > [INFO] Booting service
                Placed demosvc on scratch.ns/spawnpoint/mid (passed over: scratch.ns/spawnpoint/nocpu: its heartbeat \
                shows 8000 MiB and 512 CPU shares free; the service needs 512 MiB and 1024; scratch.ns/spawnpoint/tiny: \
                its heartbeat shows 100 MiB and 4096 CPU shares free; the service needs 512 MiB and 1024; \
                scratch.ns/spawnpoint/big: refused: %s)
                Deployment complete.
                """.formatted(NO_MEMORY, NO_MEMORY), h.out());
        String history = Files.readString(h.home.resolve(".spawnpoint_history"));
        assertTrue(history.contains("uri: " + BASE + "/*"), "deploy-last places again: " + history);
    }

    /** A config without an entity: one is made for the whole placement, and every spawnpoint tried gets it. */
    @Test
    void placementMakesTheEntityOfAConfigWithoutOneOnceForEveryAttempt() throws IOException {
        Files.writeString(h.workDir.resolve("deploy.yml"), "memAlloc: 512M\ncpuShares: 1024\nrun: [./x]\n");
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/big", sp("big", 1, 4000, 2048),
                BASE + "/mid", sp("mid", 1, 2000, 2048)), List.of());
        h.client.outcomeAt.put(BASE + "/big", new Outcome(false, NO_MEMORY));
        h.client.logAt.put(BASE + "/mid", List.of(log("mid", "[INFO] Booting service")));
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n", "demosvc",
                "--no-tail"), h.err());
        assertEquals(List.of("fleet " + BASE, "mint " + BASE + "/big demosvc", "as bWludGVk",
                "deploy " + BASE + "/big demosvc", "as bWludGVk", "deploy " + BASE + "/mid demosvc"), h.client.calls,
                "one entity for the placement; the refusal by big leaves none unused");
        assertTrue(h.out().contains("Placed demosvc on scratch.ns/spawnpoint/mid (passed over: scratch.ns/spawnpoint/big:"
                + " refused: " + NO_MEMORY + ")\nMade entity bWludGVk (PC* on scratch.ns/services/*) for demosvc once, the"
                + " same for every spawnpoint tried\n"), h.out());
    }

    @Test
    void aConfigEverySpawnpointWouldRefuseMakesNoEntity() throws IOException {
        Files.writeString(h.workDir.resolve("deploy.yml"), "memAlloc: 512M\ncpuShares: 1024\nrun: [./x]\n"
                + "includedFiles: [missing.txt]\n");
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 1, 4000, 4096)), List.of());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n",
                "demosvc"));
        assertEquals(List.of("fleet " + BASE), h.client.calls, "neither an entity made nor a deploy sent");
        assertTrue(h.err().contains("missing.txt"), h.err());
    }

    @Test
    void whenNoPlacementTakesAMadeEntityItSaysItIsUnused() throws IOException {
        Files.writeString(h.workDir.resolve("deploy.yml"), "memAlloc: 512M\ncpuShares: 1024\nrun: [./x]\n");
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 1, 4000, 4096), BASE + "/b",
                sp("b", 1, 3000, 4096)), List.of());
        h.client.outcomeAt.put(BASE + "/a", new Outcome(false, NO_MEMORY));
        h.client.outcomeAt.put(BASE + "/b", new Outcome(false, NO_MEMORY));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n",
                "demosvc"));
        assertEquals(1, h.client.calls.stream().filter(c -> c.startsWith("mint ")).count(), h.client.calls.toString());
        assertTrue(h.err().endsWith("  scratch.ns/spawnpoint/b: refused: " + NO_MEMORY + "\n  the entity made for "
                + "demosvc, bWludGVk (PC* on scratch.ns/services/*), is not used by any spawnpoint\n"), h.err());
    }

    @Test
    void whenNoneTakesItEachRefusalIsListedAndTheExitIs1() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 1, 4000, 4096), BASE + "/b",
                sp("b", 1, 3000, 4096), BASE + "/c", sp("c", 1, 10, 4096)), List.of());
        h.client.outcomeAt.put(BASE + "/a", new Outcome(false, NO_MEMORY));
        h.client.outcomeAt.put(BASE + "/b", new Outcome(false, "Failed to launch service: Insufficient Spawnpoint CPU "
                + "shares for requested allocation (have 0, want 1024)"));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n",
                "demosvc"));
        assertEquals("""
                [ERROR] Service deployment failed, Cannot place demosvc on scratch.ns/spawnpoint/*: no spawnpoint took it:
                  scratch.ns/spawnpoint/c: its heartbeat shows 10 MiB and 4096 CPU shares free; the service needs 512 MiB and 1024
                  scratch.ns/spawnpoint/a: refused: %s
                  scratch.ns/spawnpoint/b: refused: Failed to launch service: Insufficient Spawnpoint CPU shares for requested allocation (have 0, want 1024)
                """.formatted(NO_MEMORY), h.err());
        assertFalse(Files.exists(h.home.resolve(".spawnpoint_history")));
    }

    @Test
    void aFailureThatIsNotARefusalEndsThePlacementThere() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 1, 4000, 4096), BASE + "/b",
                sp("b", 1, 3000, 4096)), List.of());
        h.client.outcomeAt.put(BASE + "/a", new Outcome(false, "Container (re)start failed: no such image"));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n",
                "demosvc"));
        assertEquals(List.of("fleet " + BASE, "deploy " + BASE + "/a demosvc"), h.client.calls,
                "the service itself failed: another spawnpoint would not help");
        assertEquals("[ERROR] Service deployment failed: Container (re)start failed: no such image\n", h.err());
    }

    @Test
    void whereNarrowsByMetadata() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/arm", sp("arm", 1, 8000, 4096), BASE + "/x86",
                sp("x86", 1, 2000, 4096), BASE + "/old", sp("old", 1, 8000, 4096)), List.of());
        long fresh = Instants.toNanos(NOW.minusSeconds(5));
        h.client.details.put("VK=/spawnpoint/arm", details(Map.of("arch", new MetadataTuple("arm64", fresh))));
        h.client.details.put("VK=/spawnpoint/x86", details(Map.of("arch", new MetadataTuple("amd64", fresh),
                "room", new MetadataTuple("410", fresh))));
        h.client.details.put("VK=/spawnpoint/old", details(Map.of("arch", new MetadataTuple("amd64",
                Instants.toNanos(NOW.minusSeconds(3600))))));
        h.client.logAt.put(BASE + "/x86", List.of(log("x86", "[INFO] Booting service")));
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "--where", "arch=amd64", "--where",
                "room=410", "-c", "deploy.yml", "-n", "demosvc", "--no-tail"), h.err());
        assertTrue(h.out().contains("Placed demosvc on scratch.ns/spawnpoint/x86 (passed over: "
                + "scratch.ns/spawnpoint/arm: metadata arch=arm64, not amd64; scratch.ns/spawnpoint/old: no metadata "
                + "arch younger than 1m0s (wanted arch=amd64))"), h.out());
        String history = Files.readString(h.home.resolve(".spawnpoint_history"));
        assertTrue(history.contains("where:\n    arch: amd64\n    room: '410'\n"), history);
        h.client.calls.clear();
        h.stdin = "y\n";
        assertEquals(0, h.run("deploy-last", "--no-tail"), h.err());
        assertTrue(h.out().startsWith("This will run:\n  spawnctl -e " + h.workDir.resolve("me.ent") + " deploy -u '"
                + BASE + "/*' --where arch=amd64 --where room=410 -c "), h.out());
        assertEquals(List.of("fleet " + BASE, "inspect VK=/spawnpoint/arm", "inspect VK=/spawnpoint/old",
                "inspect VK=/spawnpoint/x86", "deploy " + BASE + "/x86 demosvc"), h.client.calls,
                "deploy-last places again, with the same constraints");
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/x86", "--where", "arch=amd64",
                "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("--where needs a pattern in -u to choose among, e.g. -u '" + BASE + "/x86/*'\n", h.err());
    }

    @Test
    void aServiceThatRunsAlreadyIsRedeployedWhereItRuns() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 1, 8000, 4096), BASE + "/b",
                sp("b", 1, 100, 600)), List.of(svc("b", "demosvc", 2, "running", "", 1, 512, 1, 10L, 0)));
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        h.client.logAt.put(BASE + "/b", List.of(log("b", "[INFO] Booting service")));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n", "demosvc",
                "--no-tail"), h.err());
        assertEquals(List.of("fleet " + BASE, "deploy " + BASE + "/b demosvc"), h.client.calls,
                "its own reservation counts as free there");
        assertEquals("[WARN] demosvc already runs on scratch.ns/spawnpoint/b: it is redeployed there (placing it "
                + "elsewhere would run it twice)\n", h.err());
    }

    @Test
    void noLiveSpawnpointIsAClearFailure() throws IOException {
        writeConfig();
        h.client.fleetResult = new Fleet("", Map.of(BASE + "/a", sp("a", 600, 8000, 4096)), List.of());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", BASE + "/*", "-c", "deploy.yml", "-n",
                "demosvc"));
        assertEquals("[ERROR] Service deployment failed, Cannot place demosvc on scratch.ns/spawnpoint/*: no live "
                + "spawnpoint matches (1 match, none with a heartbeat younger than 25s)\n", h.err());
    }

    static SpawnpointDetails details(Map<String, MetadataTuple> meta) {
        return new SpawnpointDetails("x", Optional.empty(), Map.of(), meta);
    }
}
