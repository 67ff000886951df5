package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.spawnclient.Outcome;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.SpawnClientException;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.LogEntry;

class SpawnCtlTest {
    static final String P = "scratch.ns/spawnpoint/alpha";
    static final String VK_P = "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/spawnpoint/alpha";

    @TempDir
    Path dir;
    CtlHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new CtlHarness(dir);
        Files.write(h.workDir.resolve("me.ent"), new byte[] {0x32});
    }

    static Spawnpoint sp(String uri, String routerUri, String alias, long ageMillis) {
        return new Spawnpoint(uri, routerUri, alias, CtlHarness.NOW.minusMillis(ageMillis), 8192, 4096, 6144, 3072);
    }

    static ServiceInfo svc(String name, long ageMillis, String config) {
        return new ServiceInfo(name, P, CtlHarness.NOW.minusMillis(ageMillis), 512, 1024, 12.345, 25.0, 256, 0, 0, 0, 0,
                config, "");
    }

    // --- help, version, usage errors -------------------------------------------------------------------------

    @Test
    void helpListsEveryCommand() {
        assertEquals(0, h.run("--help"));
        for (String c : List.of("scan", "inspect", "ps", "deploy", "deploy-last", "restart", "stop", "tail", "logs", "example")) {
            assertTrue(h.out().contains("\n  " + c + " "), c + " missing from\n" + h.out());
        }
        assertTrue(h.out().startsWith("Usage: spawnctl"));
        assertEquals("", h.err());
    }

    @ParameterizedTest
    @ValueSource(strings = {"scan", "inspect", "ps", "deploy", "deploy-last", "restart", "stop", "tail", "logs", "example"})
    void everyCommandHasHelp(String command) {
        assertEquals(0, h.run(command, "--help"));
        assertTrue(h.out().startsWith("Usage: spawnctl " + command), h.out());
    }

    @Test
    void noOptionNeedsAConverterThatMainLeavesOut() {
        picocli.CommandLine cl = SpawnCtl.newCommandLine(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()));
        List<String> excluded = List.of(SpawnCtl.UNUSED_CONVERTERS.split(","));
        List<picocli.CommandLine.Model.CommandSpec> specs = new java.util.ArrayList<>();
        specs.add(cl.getCommandSpec());
        cl.getSubcommands().values().forEach(c -> specs.add(c.getCommandSpec()));
        int checked = 0;
        for (picocli.CommandLine.Model.CommandSpec spec : specs) {
            for (picocli.CommandLine.Model.ArgSpec arg : spec.args()) {
                if (arg.converters().length > 0) {
                    continue;
                }
                List<Class<?>> types = new java.util.ArrayList<>(List.of(arg.type()));
                types.addAll(List.of(arg.auxiliaryTypes()));
                for (Class<?> t : types) {
                    checked++;
                    assertFalse(excluded.stream().anyMatch(t.getName()::matches), spec.qualifiedName() + " "
                            + arg + " is a " + t.getName() + ", whose converter SpawnCtl.main excludes");
                }
            }
        }
        assertTrue(checked > 40, "checked only " + checked + " types");
        assertTrue("java.time.Duration".matches(excluded.get(1)), "the exclusions are regular expressions");
    }

    @Test
    void version() {
        assertEquals(0, h.run("--version"));
        assertEquals("spawnctl " + org.spawnpoint.bosswave.wire.BuildInfo.version()
                + " (Spawnpoint for the JVM; speaks Spawnpoint 0.2)\n", h.out());
        assertTrue(org.spawnpoint.bosswave.wire.BuildInfo.version().matches("\\d+\\.\\d+\\.\\d+.*"),
                "the build's version: " + org.spawnpoint.bosswave.wire.BuildInfo.version());
    }

    @Test
    void anUnknownCommandListsTheCommandsAndTheClosestOne() {
        assertEquals(ExitCodes.USAGE, h.run("status"));
        assertEquals("Unknown command 'status': expected one of scan, inspect, ps, deploy, deploy-last, restart, stop,"
                + " tail, logs, example (see 'spawnctl --help')\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "sacn", "-u", "x"));
        assertEquals("Unknown command 'sacn' (did you mean 'scan'?): expected one of scan, inspect, ps, deploy,"
                + " deploy-last, restart, stop, tail, logs, example (see 'spawnctl --help')\n", h.err());
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(ExitCodes.USAGE, h.run());
        assertEquals("Missing command: one of scan, inspect, ps, deploy, deploy-last, restart, stop, tail, logs,"
                + " example (see 'spawnctl --help')\n", h.err());
    }

    @Test
    void unknownOptionsAndCommandsAreOneLine() {
        assertEquals(ExitCodes.USAGE, h.run("scan", "--bogus"));
        assertEquals("Unknown option: '--bogus' (see 'spawnctl scan --help')\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("frobnicate"));
        assertEquals(1, h.err().split("\n").length, h.err());
        assertTrue(h.err().contains("frobnicate"));
        assertEquals(ExitCodes.USAGE, h.run("--color=sometimes", "scan"));
        assertEquals(1, h.err().split("\n").length, h.err());
    }

    @Test
    void requestedCommand() {
        assertEquals("scan", SpawnCtl.requestedCommand(new String[] {"-r", "scan", "-e", "x", "--color", "never", "scan", "u"}));
        assertEquals("deploy-last", SpawnCtl.requestedCommand(new String[] {"--router=r", "deploy-last"}));
        assertEquals(null, SpawnCtl.requestedCommand(new String[] {"-h", "scan"}));
        assertEquals(null, SpawnCtl.requestedCommand(new String[] {"frob"}));
        assertEquals(null, SpawnCtl.requestedCommand(new String[] {"-e", "x"}));
        assertEquals(0, h.run("-h", "scan"));
        assertTrue(h.out().contains("\n  deploy-last "), "root help lists every command");
    }

    // --- globals and environment fallbacks -------------------------------------------------------------------

    @Test
    void withoutEntityOrRouterTheLocalSpawnpointsOperatorIsUsed() throws IOException {
        Path key = h.home.resolve(".spawnpoint/keys/operator.key");
        Files.createDirectories(key.getParent());
        Files.write(key, new byte[] {1});
        assertEquals(0, h.run("scan", "-u", "scratch.ns/spawnpoint"), h.err());
        assertEquals(List.of("null " + key), h.opened, "the client's default router, the local operator");
        h.env.put("SPAWNPOINT_HOME", "elsewhere");
        assertEquals(ExitCodes.USAGE, h.run("scan", "-u", "scratch.ns/spawnpoint"));
        assertTrue(h.err().contains("no local identity at " + h.workDir.resolve("elsewhere/keys/operator.key")), h.err());
    }

    @Test
    void missingEntityAndUri() {
        assertEquals(ExitCodes.USAGE, h.run("scan", "-u", "x"));
        assertEquals("Missing entity: give -e/--entity FILE or set $BW2_DEFAULT_ENTITY (no local identity at "
                + h.home.resolve(".spawnpoint/keys/operator.key") + "; bin/spawnpoint makes one)\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "scan"));
        assertEquals("Missing 'uri' parameter: give -u/--uri URI or set $SPAWNPOINT_DEFAULT_URI\n", h.err());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "nope.ent", "scan", "x"));
        assertEquals("Entity file " + h.workDir.resolve("nope.ent") + " does not exist or cannot be read\n", h.err());
        assertTrue(h.opened.isEmpty(), "nothing is opened before the parameters are checked");
    }

    @Test
    void environmentFallbacks() {
        h.env.put("BW2_DEFAULT_ENTITY", "me.ent");
        h.env.put("SPAWNPOINT_DEFAULT_URI", "scratch.ns/spawnpoint/");
        h.env.put("BW2_AGENT", "10.0.0.1:28589");
        assertEquals(0, h.run("scan"));
        assertEquals(List.of("10.0.0.1:28589 " + h.workDir.resolve("me.ent")), h.opened);
        assertEquals(List.of("scan scratch.ns/spawnpoint"), h.client.calls);
        assertTrue(h.client.closed);
    }

    @Test
    void optionsWinOverEnvironmentAndWorkAfterTheCommandToo() {
        h.env.put("BW2_DEFAULT_ENTITY", "other.ent");
        h.env.put("BW2_AGENT", "10.0.0.1");
        assertEquals(0, h.run("scan", "-r", "router:1", "-e", "me.ent", "-u", "a.ns"));
        assertEquals(List.of("router:1 " + h.workDir.resolve("me.ent")), h.opened);
    }

    @Test
    void routerUnreachableExits3() {
        h.openFailure = CtlHarness.unreachable();
        assertEquals(ExitCodes.UNAVAILABLE, h.run("-e", "me.ent", "scan", "a.ns"));
        assertEquals("Cannot connect to the BOSSWAVE router at 127.0.0.1:28589: refused. Is a router running there? "
                + "Start a spawnpoint with its router on this machine with bin/spawnpoint (or a router alone with bin/bw2 "
                + "router), or name yours with -r HOST:PORT or $BW2_AGENT\n", h.err());
    }

    // --- scan ------------------------------------------------------------------------------------------------

    @Test
    void scanOfSeveral() {
        h.client.scanResult = Map.of(P, sp(P, VK_P, "alpha", 4470), "scratch.ns/spawnpoint/beta",
                sp("scratch.ns/spawnpoint/beta", "vk/spawnpoint/beta", "beta", 120_000));
        h.client.scanResult = new java.util.TreeMap<>(h.client.scanResult);
        assertEquals(0, h.run("-e", "me.ent", "scan", "scratch.ns/spawnpoint"));
        assertEquals("""
                Discovered 2 SpawnPoint(s):
                [alpha] seen 25 Nov 26 09:59 UTC (4.47s) ago at scratch.ns/spawnpoint/alpha
                  Available Memory: 6144 MB, Available Cpu Shares: 3072
                [beta] seen 25 Nov 26 09:58 UTC (2m0s) ago at scratch.ns/spawnpoint/beta
                  Available Memory: 6144 MB, Available Cpu Shares: 3072
                """, h.out());
        assertEquals(List.of("scan scratch.ns/spawnpoint"), h.client.calls);
    }

    @Test
    void scanOfOneShowsMetadataAndFreshServices() {
        h.client.scanResult = Map.of(P, sp(P, VK_P, "alpha", 830));
        h.client.details.put(VK_P, new SpawnpointDetails(VK_P, Optional.empty(),
                Map.of("demosvc", svc("demosvc", 2000, ""), "old", svc("old", 60_000, "")),
                Map.of("owner", new MetadataTuple("me", Instants.toNanos(CtlHarness.NOW.minusSeconds(5))),
                        "stale", new MetadataTuple("x", Instants.toNanos(CtlHarness.NOW.minusSeconds(61))))));
        assertEquals(0, h.run("-e", "me.ent", "scan", "-u", "scratch.ns/spawnpoint"));
        assertEquals("""
                Discovered 1 SpawnPoint(s):
                [alpha] seen 25 Nov 26 09:59 UTC (830ms) ago at scratch.ns/spawnpoint/alpha
                  Available Memory: 6144 MB, Available Cpu Shares: 3072
                Metadata:
                  • owner: me
                Services:
                  • [demosvc] seen 25 Nov 26 09:59 UTC (2s) ago
                      Memory: 12.35/512 MB, CPU Shares: ~256/1024
                """, h.out());
        assertEquals(List.of("scan scratch.ns/spawnpoint", "inspect " + VK_P), h.client.calls,
                "the follow-up uses the URI as the router reported it");
        assertEquals(0, h.run("-e", "me.ent", "scan", "-a", "scratch.ns/spawnpoint"));
        assertTrue(h.out().contains("  • [old] seen 25 Nov 26 09:59 UTC (1m0s) ago\n"), h.out());
    }

    @Test
    void scanColoursOnlyOnATerminalOrWhenForced() {
        h.client.scanResult = Map.of(P, sp(P, VK_P, "alpha", 12_000), "b", sp("b", "b", "b", 1));
        h.run("-e", "me.ent", "scan", "x");
        assertFalse(h.out().contains("\u001b["));
        h.terminal = true;
        h.run("-e", "me.ent", "scan", "x");
        assertTrue(h.out().contains("[\u001b[1;34malpha\u001b[0m] seen \u001b[1;31m25 Nov 26 09:59 UTC (12s)\u001b[0m ago"),
                "stale is red: " + h.out());
        assertTrue(h.out().contains("\u001b[1;32m"), "fresh is green");
        h.env.put("NO_COLOR", "1");
        h.run("-e", "me.ent", "scan", "x");
        assertFalse(h.out().contains("\u001b["));
        h.terminal = false;
        h.run("--color=always", "-e", "me.ent", "scan", "x");
        assertTrue(h.out().contains("\u001b[1;34m"));
    }

    @Test
    void scanJson() {
        h.client.scanResult = Map.of(P, sp(P, VK_P, "alpha", 1500));
        assertEquals(0, h.run("-e", "me.ent", "scan", "--json", "x"));
        assertEquals("""
                {
                  "spawnpoints": [
                    {
                      "uri": "scratch.ns/spawnpoint/alpha",
                      "alias": "alpha",
                      "lastSeen": "2026-11-25T09:59:58.500Z",
                      "ageMillis": 1500,
                      "good": true,
                      "totalMemMiB": 8192,
                      "availableMemMiB": 6144,
                      "totalCpuShares": 4096,
                      "availableCpuShares": 3072
                    }
                  ]
                }
                """, h.out());
        assertEquals(List.of("scan x"), h.client.calls, "JSON scans do not inspect");
    }

    @Test
    void scanFailures() {
        h.client.failure = new SpawnClientException("x", null, "Cannot scan x: [403] no permission");
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "scan", "x"));
        assertEquals("Cannot scan x: [403] no permission\n", h.err());
        h.client.failure = null;
        h.client.scanResult = Map.of(P, sp(P, VK_P, "alpha", 1));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "scan", "x"));
        assertEquals("Inspect failed: nothing scripted for " + VK_P + "\n", h.err());
    }

    // --- inspect ---------------------------------------------------------------------------------------------

    @Test
    void inspectSpawnpointAndService() {
        h.client.details.put(P, new SpawnpointDetails(P, Optional.of(sp(P, VK_P, "alpha", 3000)),
                Map.of("demosvc", svc("demosvc", 1000, "serviceName: demosvc\nrun: [x]\n")), Map.of()));
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P + "/"));
        assertEquals("""
                [alpha] seen 25 Nov 26 09:59 UTC (3s) ago at scratch.ns/spawnpoint/alpha
                  Available Memory: 6144 MB, Available Cpu Shares: 3072
                Metadata:
                Services:
                  • [demosvc] seen 25 Nov 26 09:59 UTC (1s) ago
                      Memory: 12.35/512 MB, CPU Shares: ~256/1024
                """, h.out());
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P, "-n", "demosvc"));
        assertEquals("""
                [demosvc] seen 25 Nov 26 09:59 UTC (1s) ago at scratch.ns/spawnpoint/alpha
                CPU Usage: ~256/1024 Shares
                Memory Usage: 12.35/512 MiB
                Original Configuration File:
                    serviceName: demosvc
                    run: [x]
                """, h.out());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "inspect", "-u", P, "-n", "other"));
        assertEquals("Service other does not exist at spawnpoint " + P + "\n", h.err());
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P, "--json"));
        assertTrue(h.out().contains("\"services\": [\n    {\n      \"name\": \"demosvc\""), h.out());
        assertTrue(h.out().contains("\"originalConfig\": \"serviceName: demosvc\\nrun: [x]\\n\""), h.out());
    }

    @Test
    void inspectOfNothing() {
        h.client.details.put(P, new SpawnpointDetails(P, Optional.empty(), Map.of(), Map.of()));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "inspect", "-u", P));
        assertEquals("No spawnpoint exists at " + P + "\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "inspect", "-u", P, "-n", "a b"));
        assertTrue(h.err().startsWith("Invalid 'name' parameter: expected lower-case letters and digits"), h.err());
    }

    // --- deploy and the log followers ------------------------------------------------------------------------

    private void writeConfig() throws IOException {
        Files.writeString(h.workDir.resolve("deploy.yml"), "entity: me.ent\nmemAlloc: 512M\ncpuShares: 1024\nrun: [./x]\n");
    }

    @Test
    void deployParameterErrorsInOrder() throws IOException {
        assertEquals(ExitCodes.USAGE, h.run("deploy", "-u", P, "-c", "deploy.yml", "-n", "s"));
        assertEquals("Missing entity: give -e/--entity FILE or set $BW2_DEFAULT_ENTITY (no local identity at "
                + h.home.resolve(".spawnpoint/keys/operator.key") + "; bin/spawnpoint makes one)\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "deploy", "-c", "deploy.yml", "-n", "s"));
        assertEquals("Missing 'uri' parameter: give -u/--uri URI or set $SPAWNPOINT_DEFAULT_URI\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "deploy", "-u", P, "-n", "s"));
        assertEquals("Missing 'config' parameter: give -c/--config FILE\n", h.err());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "s"));
        assertEquals("Cannot read service configuration file " + h.workDir.resolve("deploy.yml") + ": it does not exist\n", h.err());
        writeConfig();
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml"));
        assertEquals("Missing 'name' parameter: give -n/--name NAME (or serviceName in the config)\n", h.err());
        Files.writeString(h.workDir.resolve("bad.yml"), "memAlloc: 512\n");
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "bad.yml", "-n", "s"));
        assertEquals("Invalid service configuration file " + h.workDir.resolve("bad.yml") + ": 'memAlloc' expected a"
                + " memory size in units of M or G (such as 512M or 4G), got \"512\"\n", h.err());
        assertTrue(h.opened.isEmpty());
    }

    @Test
    void deployThenTailUntilCtrlC() throws IOException {
        writeConfig();
        h.client.logToSend = List.of(new LogEntry(Instants.toNanos(CtlHarness.NOW), "alpha", "demosvc",
                "\n[INFO] booting service\nline two\n\n"));
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        h.interrupt.complete(null);
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("""
                [11/25 10:00:00] alpha::demosvc > [INFO] booting service
                [11/25 10:00:00] alpha::demosvc > line two
                 Deployment complete, tailing log. Ctrl-C to quit.
                """, h.out());
        assertEquals("", h.err());
        assertEquals("demosvc", h.client.deployed.serviceName());
        assertEquals("me.ent", h.client.deployed.entity(), "the client reads the entity file itself");
        assertEquals(h.workDir, h.client.deployedFrom);
        assertTrue(h.client.tailClosed);
        String history = Files.readString(h.home.resolve(".spawnpoint_history"));
        assertTrue(history.contains("uri: " + P), history);
        assertTrue(history.contains("name: demosvc"), history);
    }

    /** A 0.2 spawnpoint takes only the plain entity: spawnctl still deploys, and says so on stderr. */
    @Test
    void deployWarnsOfAPlainEntity() throws IOException {
        writeConfig();
        h.client.deployWarning = "spawnpoint " + P + " does not advertise a seal key (SealKey) in its heartbeat";
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc", "--no-tail"));
        assertEquals("[WARN] spawnpoint " + P + " does not advertise a seal key (SealKey) in its heartbeat\n", h.err());
        assertTrue(h.out().contains("Deployment complete."), h.out());
    }

    @Test
    void aRefusedPermissionSaysWhoWhatWhereAndHowToGrantIt() throws IOException {
        byte[] key = new byte[100];
        key[0] = 0x32;
        java.util.Arrays.fill(key, 33, 65, (byte) 0xfb);
        Files.write(h.workDir.resolve("me.ent"), key);
        h.client.failure = new SpawnClientException(P, null, "Cannot scan " + P + ": [401] No primary access chain "
                + "found, cannot elaborate", new org.spawnpoint.bosswave.RouterErrorException(401,
                "No primary access chain found, cannot elaborate"));
        assertEquals(ExitCodes.FAILURE, h.run("-r", "r:1", "-e", "me.ent", "scan", P));
        String vk = java.util.Base64.getUrlEncoder().encodeToString(java.util.Arrays.copyOfRange(key, 33, 65));
        assertEquals("Cannot scan " + P + ": [401] No primary access chain found, cannot elaborate. You act as "
                + h.workDir.resolve("me.ent") + " (VK " + vk + "), which holds no grant of C* on " + P + "/* (consume "
                + "the heartbeats and logs). The namespace's owner can grant it: bin/bw2 mkdot --agent r:1 -f "
                + "<namespace owner's key file> -t " + h.workDir.resolve("me.ent") + " -u '" + P + "/*' -x 'C*'\n",
                h.err());
    }

    @Test
    void aRefusedDeployAlsoSaysHowToGrantIt() throws IOException {
        writeConfig();
        h.client.failure = new SpawnClientException(P, "demosvc", "Cannot deploy demosvc to " + P + ": the spawnpoint"
                + " scan failed: [401] No primary access chain found, cannot elaborate",
                new org.spawnpoint.bosswave.RouterErrorException(401, "No primary access chain found, cannot elaborate"));
        assertEquals(ExitCodes.FAILURE, h.run("-r", "r:1", "-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n",
                "demosvc"));
        assertTrue(h.err().contains("cannot elaborate. You act as " + h.workDir.resolve("me.ent")), h.err());
        assertTrue(h.err().endsWith("-u '" + P + "/*' -x 'PC*'\n"), h.err());
    }

    @Test
    void deployFailureIsOneLine() throws IOException {
        writeConfig();
        h.client.failure = new SpawnClientException(P, "demosvc",
                "Cannot deploy demosvc to " + P + ": the spawnpoint appears down (last seen 2m0s ago)");
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("[ERROR] Service deployment failed, Cannot deploy demosvc to " + P
                + ": the spawnpoint appears down (last seen 2m0s ago)\n", h.err());
        assertFalse(Files.exists(h.home.resolve(".spawnpoint_history")), "failed deploys are not remembered");
    }

    @Test
    void lostConnectionWhileTailingExits3() throws IOException {
        writeConfig();
        h.client.tailEnded.completeExceptionally(new org.spawnpoint.bosswave.ConnectionClosedException("socket closed"));
        assertEquals(ExitCodes.UNAVAILABLE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("Lost the connection to the router before the spawnpoint reported the outcome: socket closed\n",
                h.err());
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(ExitCodes.UNAVAILABLE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("Lost the connection to the router: socket closed\n", h.err(), "after the outcome, while tailing");
    }

    @Test
    void aDeployTheSpawnpointRefusesExits1WithItsReasonAndNoBanner() throws IOException {
        writeConfig();
        h.client.logToSend = List.of(new LogEntry(Instants.toNanos(CtlHarness.NOW), "alpha", "demosvc",
                "[FAILURE] Failed to launch service: Insufficient Spawnpoint memory for requested allocation"));
        h.client.outcome.complete(new Outcome(false,
                "Failed to launch service: Insufficient Spawnpoint memory for requested allocation"));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertFalse(h.out().contains("Deployment complete"), h.out());
        assertEquals("[ERROR] Service deployment failed: Failed to launch service: Insufficient Spawnpoint memory for "
                + "requested allocation\n", h.err());
        assertTrue(h.client.tailClosed);
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "--no-tail", "-u", P, "-c", "deploy.yml",
                "-n", "demosvc"));
        assertEquals("", h.out().replaceAll("(?m)^\\[11/25.*\n", ""), "only the log line is printed");
    }

    @Test
    void noTailWaitsForTheOutcomeAtMostWait() throws IOException {
        writeConfig();
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "deploy", "--no-tail", "--wait", "200ms", "-u", P,
                "-c", "deploy.yml", "-n", "demosvc"));
        assertTrue(h.err().startsWith("[ERROR] Service deployment failed: the spawnpoint reported no outcome within "
                + "200ms"), h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "deploy", "--no-tail", "--wait", "soon", "-u", P,
                "-c", "deploy.yml", "-n", "demosvc"));
        assertTrue(h.err().contains("'soon' is not a duration; expected e.g. 90s or 10m"), h.err());
    }

    @Test
    void ctrlCBeforeTheOutcomeExits130SayingTheDeployGoesOn() throws IOException {
        writeConfig();
        h.interrupt.complete(null);
        assertEquals(ExitCodes.INTERRUPTED, h.run("-e", "me.ent", "deploy", "-u", P, "-c", "deploy.yml", "-n", "d"));
        assertEquals("Interrupted before the spawnpoint reported the outcome; the deployment goes on there. Follow it "
                + "with 'spawnctl tail'.\n", h.err());
    }

    @Test
    void deployNoTail() throws IOException {
        writeConfig();
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(0, h.run("-e", "me.ent", "deploy", "--no-tail", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        assertEquals("Deployment complete.\n", h.out());
        assertTrue(h.client.tailClosed);
    }

    @Test
    void restartStopTail() {
        h.env.put("SPAWNPOINT_DEFAULT_URI", P);
        h.client.outcome.complete(new Outcome(true, "done"));
        h.interrupt.complete(null);
        for (String cmd : List.of("restart", "stop", "tail")) {
            assertEquals(0, h.run("-e", "me.ent", cmd, "-n", "demosvc"), h.err());
            assertEquals("Monitoring service log. Press Ctrl-C to quit.\n", h.out());
        }
        assertEquals(List.of("restart " + P + " demosvc", "stop " + P + " demosvc", "tail " + P + " demosvc"), h.client.calls);
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "stop"));
        assertEquals("Missing 'name' parameter: give -n/--name NAME\n", h.err());
        h.client.failure = new SpawnClientException(P, "x", "Cannot stop x on " + P + ": no spawnpoint exists at " + P);
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "stop", "-n", "x"));
        assertEquals("Cannot stop x on " + P + ": no spawnpoint exists at " + P + "\n", h.err());
    }

    @Test
    void stopEndsByItselfOnceStoppedAndAReportedFailureExits1() {
        h.env.put("SPAWNPOINT_DEFAULT_URI", P);
        h.client.outcome.complete(new Outcome(true, "Service stopped"));
        assertEquals(0, h.run("-e", "me.ent", "stop", "-n", "demosvc"), "no Ctrl-C needed");
        assertTrue(h.client.tailClosed);
        FakeSpawnClient refusing = new FakeSpawnClient();
        h.useClient(refusing);
        refusing.outcome.complete(new Outcome(false, "Service not found"));
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "restart", "-n", "ghost"));
        assertEquals("[ERROR] Failed to restart service ghost: Service not found\n", h.err());
        assertEquals(ExitCodes.FAILURE, h.run("-e", "me.ent", "stop", "--no-tail", "-n", "ghost"));
        assertEquals("[ERROR] Failed to stop service ghost: Service not found\n", h.err());
        assertEquals("", h.out(), "--no-tail prints no banner");
    }

    @Test
    void ctrlCWhileWaitingEndsWithZero() throws Exception {
        h.env.put("SPAWNPOINT_DEFAULT_URI", P);
        Thread presser = new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            h.interrupt.complete(null);
        });
        presser.start();
        assertEquals(0, h.run("-e", "me.ent", "tail", "-n", "demosvc"));
        presser.join();
        assertTrue(h.client.tailClosed);
    }

    // --- logs ------------------------------------------------------------------------------------------------

    @Test
    void logsSince() {
        h.client.pastLines = List.of("one", "two");
        assertEquals(0, h.run("-e", "me.ent", "logs", "-u", P, "-n", "demosvc", "-s", "10m"));
        assertEquals("one\ntwo\n", h.out());
        assertEquals(List.of("logs " + P + " demosvc 2026-11-25T09:50:00Z"), h.client.calls);
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "logs", "-u", P, "-n", "demosvc"));
        assertEquals("Missing 'since' parameter: give -s/--since DURATION such as 10m\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "logs", "-u", P, "-n", "demosvc", "--since", "10"));
        assertEquals("Invalid 'since' parameter: expected a duration such as 30s, 5m or 1h30m (a unit is missing),"
                + " got \"10\"\n", h.err());
        assertEquals(ExitCodes.USAGE, h.run("-e", "me.ent", "logs", "-u", P, "-n", "demosvc", "--since", "0s"));
        assertEquals("Invalid 'since' parameter: expected a duration above 0, got \"0s\"\n", h.err());
    }

    // --- deploy-last -----------------------------------------------------------------------------------------

    @Test
    void deployLastReplaysWithTheSavedEntity() throws IOException {
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        writeConfig();
        assertEquals(0, h.run("-r", "r:1", "-e", "me.ent", "deploy", "--no-tail", "-u", P, "-c", "deploy.yml", "-n", "demosvc"));
        h.opened.clear();
        h.client.calls.clear();
        h.stdin = "\n";
        assertEquals(0, h.run("deploy-last", "--no-tail"));
        assertEquals("This will run:\n  spawnctl -r r:1 -e " + h.workDir.resolve("me.ent") + " deploy -u " + P + " -c "
                + h.workDir.resolve("deploy.yml") + " -n demosvc\nProceed? [Y/n] Deployment complete.\n", h.out());
        assertEquals(List.of("r:1 " + h.workDir.resolve("me.ent")), h.opened);
        assertEquals(List.of("deploy " + P + " demosvc"), h.client.calls);
        h.stdin = "n\n";
        assertEquals(0, h.run("deploy-last"));
        assertTrue(h.out().endsWith("Not deploying.\n"));
        h.stdin = "";
        assertEquals(ExitCodes.FAILURE, h.run("deploy-last"));
        assertEquals("No answer on standard input; use -y to deploy without asking\n", h.err());
        assertEquals(0, h.run("deploy-last", "-y", "--no-tail"));
        assertEquals("Deployment complete.\n", h.out());
    }

    @Test
    void deployLastWithoutHistory() throws IOException {
        h.client.outcome.complete(new Outcome(true, "Container (re)start successful"));
        assertEquals(ExitCodes.FAILURE, h.run("deploy-last", "-y"));
        assertEquals("No deploy was run from " + h.workDir + " (history file " + h.home.resolve(".spawnpoint_history")
                + ")\n", h.err());
        Files.write(h.home.resolve(".spawnpoint_history"), new byte[] {0x0e, (byte) 0xff, 0x01, '{', ':', ']'});
        assertEquals(ExitCodes.FAILURE, h.run("deploy-last", "-y"));
        assertTrue(h.err().startsWith("Cannot read deploy history: "), h.err());
        writeConfig();
        assertEquals(0, h.run("-e", "me.ent", "deploy", "--no-tail", "-u", P, "-c", "deploy.yml", "-n", "s"));
        assertTrue(h.err().startsWith("[WARN] Deploy history not saved: "), h.err());
        assertEquals(6, Files.size(h.home.resolve(".spawnpoint_history")), "a foreign history file is left alone");
    }

    // --- example ---------------------------------------------------------------------------------------------

    @Test
    void exampleWritesTheJavaExampleOfTheRepositoryOnce() throws IOException {
        assertEquals(0, h.run("example", "-o", "svc.yml"));
        Path repo = Path.of(System.getProperty("user.dir")).resolve("../examples/hello-service").normalize();
        assertEquals(Files.readString(repo.resolve("deploy.yml")), Files.readString(h.workDir.resolve("svc.yml")));
        assertEquals(Files.readString(repo.resolve("Hello.java")), Files.readString(h.workDir.resolve("Hello.java")));
        assertEquals(Files.readString(repo.resolve("params.yml")), Files.readString(h.workDir.resolve("params.yml")));
        String config = Files.readString(h.workDir.resolve("svc.yml"));
        assertTrue(config.contains("image: spawnpoint/base:latest") && !config.contains("go build"), config);
        org.spawnpoint.spawnclient.model.ServiceConfig.parse(config).withServiceName("x");
        assertEquals(ExitCodes.FAILURE, h.run("example", "-o", "svc.yml"));
        assertEquals(h.workDir.resolve("svc.yml") + " already exists; remove it or choose another file with -o\n", h.err());
        Files.writeString(h.workDir.resolve("Hello.java"), "// mine\n");
        assertEquals(0, h.run("example"));
        assertTrue(Files.exists(h.workDir.resolve("example.yml")));
        assertEquals("// mine\n", Files.readString(h.workDir.resolve("Hello.java")), "existing sources are kept");
    }
}
