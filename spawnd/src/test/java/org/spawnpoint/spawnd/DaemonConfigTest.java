package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonConfigTest {
    @TempDir
    Path home;

    Map<String, String> env() {
        return Map.of("HOME", home.toString());
    }

    DaemonConfig parse(String yaml) throws Exception {
        return DaemonConfig.parse(Path.of("config.yml"), yaml, env());
    }

    List<String> problems(String yaml) {
        return assertThrows(DaemonConfig.ConfigFileException.class, () -> parse(yaml)).problems();
    }

    @Test
    void readsEveryKeyAndExpandsHome() throws Exception {
        Files.writeString(home.resolve("sp.ent"), "x");
        DaemonConfig c = parse("entity: ~/sp.ent\nalias: alpha\npath: ns/spawnpoint/alpha/\n"
                + "containerRouter: 172.17.0.1:28589\nmemAlloc: 4G\ncpuShares: 2048\nallowHostNet: true\n");
        assertEquals(home.resolve("sp.ent"), c.entity());
        assertEquals("alpha", c.alias());
        assertEquals("ns/spawnpoint/alpha", c.path());
        assertEquals(DaemonConfig.DEFAULT_LOCAL_ROUTER, c.localRouter());
        assertEquals("172.17.0.1:28589", c.containerRouter());
        assertEquals(4096, c.memAllocMiB());
        assertEquals(2048, c.cpuShares());
        assertTrue(c.allowHostNet());
        assertFalse(c.allowDeviceMappings());
        assertEquals(home.resolve(".spawnd/alpha"), c.stateDir());
    }

    @Test
    void reportsEveryMissingKeyByName() {
        List<String> p = problems("containerRouter: x\n");
        assertEquals(5, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("'entity' is missing"), p.get(0));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("'alias' is missing")));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("'path' is missing")));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("'memAlloc' is missing")));
        assertTrue(p.stream().anyMatch(s -> s.startsWith("'cpuShares' is missing")));
    }

    @Test
    void reportsMalformedValues() throws Exception {
        Files.writeString(home.resolve("e"), "x");
        String base = "entity: " + home.resolve("e") + "\nalias: a\npath: ns/sp\n";
        assertTrue(problems(base + "memAlloc: 512\ncpuShares: 1\n").get(0).startsWith("'memAlloc'"));
        assertTrue(problems(base + "memAlloc: 1G\ncpuShares: many\n").get(0).startsWith("'cpuShares'"));
        assertTrue(problems(base + "memAlloc: 1G\ncpuShares: -5\n").get(0).startsWith("'cpuShares'"));
        assertTrue(problems(base + "memAlloc: 1G\ncpuShares: 1\nallowHostNet: maybe\n").get(0).startsWith("'allowHostNet'"));
        assertTrue(problems("entity: /nonexistent/x\nalias: a\npath: ns/sp\nmemAlloc: 1G\ncpuShares: 1\n").get(0)
                .contains("cannot read the entity file"));
        assertTrue(problems("entity: " + home.resolve("e") + "\nalias: a\npath: ns/+/x\nmemAlloc: 1G\ncpuShares: 1\n")
                .get(0).startsWith("'path'"));
        assertTrue(problems("- a\n- b\n").get(0).contains("expected a YAML mapping"));
        assertTrue(problems("a: [").get(0).contains("not valid YAML"));
        assertTrue(problems("entity: {a: 1}\nalias: a\npath: ns/sp\nmemAlloc: 1G\ncpuShares: 1\n").get(0)
                .startsWith("'entity'"));
    }

    String minimal() throws Exception {
        Files.writeString(home.resolve("e"), "x");
        return "entity: " + home.resolve("e") + "\nalias: a\npath: ns/sp\nmemAlloc: 1G\ncpuShares: 1\n";
    }

    @Test
    void hardeningAndLimitsHaveDocumentedDefaults() throws Exception {
        DaemonConfig c = parse(minimal());
        assertEquals(new org.spawnpoint.spawnd.backend.ContainerHardening(true, 1024, "10m", 3), c.hardening());
        assertEquals(new org.spawnpoint.spawnd.daemon.Deployment.Limits(16, 1000, 32L << 20), c.limits());
        assertEquals(c.limits(), c.deploymentPolicy().limits());
    }

    @Test
    void readsHardeningAndLimits() throws Exception {
        DaemonConfig c = parse(minimal() + "noNewPrivileges: false\npidsLimit: 0\nlogMaxSize: 50M\nlogMaxFiles: 5\n"
                + "maxVolumes: 4\nmaxIncludedFiles: 20\nmaxIncludedSize: 2M\n");
        assertEquals(new org.spawnpoint.spawnd.backend.ContainerHardening(false, 0, "50m", 5), c.hardening());
        assertEquals(new org.spawnpoint.spawnd.daemon.Deployment.Limits(4, 20, 2L << 20), c.limits());
    }

    @Test
    void reportsBadHardeningAndLimitsByKey() throws Exception {
        List<String> p = problems(minimal() + "noNewPrivileges: sometimes\npidsLimit: -1\nlogMaxSize: 10 MB\n"
                + "logMaxFiles: 0\nmaxVolumes: 65\nmaxIncludedFiles: lots\nmaxIncludedSize: 1G\n");
        assertEquals(List.of(
                "'noNewPrivileges': expected true or false, got 'sometimes'",
                "'pidsLimit': expected a whole number of processes from 0 (no limit) to 4194304, such as 1024, got '-1'",
                "'logMaxSize': expected a log size before rollover, a whole number above 0 with the unit k, m or g, "
                        + "such as '10m', got '10 mb'",
                "'logMaxFiles': expected the number of log files kept per container, from 1 to 100, such as 3, got '0'",
                "'maxVolumes': expected the most volumes one service may have, from 0 to 64, such as 16, got '65'",
                "'maxIncludedFiles': expected the most included files and directories per service, from 0 to 10000, "
                        + "such as 1000, got 'lots'",
                "'maxIncludedSize': expected the largest include archive per service, from 1M to 32M, such as '16M', "
                        + "got '1G'"), p);
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheClosestKnownOne() throws Exception {
        List<String> p = problems(minimal() + "memalloc: 4G\nallowHostNetwork: true\nwhatever: 1\n");
        String keys = new java.util.TreeSet<>(DaemonConfig.KEYS).toString();
        assertEquals(List.of("'memalloc': unknown key (did you mean 'memAlloc'?); the keys are " + keys,
                "'allowHostNetwork': unknown key (did you mean 'allowHostNet'?); the keys are " + keys,
                "'whatever': unknown key; the keys are " + keys), p);
    }

    @Test
    void theEmbeddedRouterSectionListensOnLocalRouterByDefault() throws Exception {
        DaemonConfig c = parse(minimal() + "localRouter: 127.0.0.1:29999\nembeddedRouter:\n  data: ~/router\n"
                + "  alsoListen: [127.0.0.2:29999]\n");
        assertEquals(home.resolve("router"), c.embeddedRouter().dataDir());
        assertEquals(29999, c.embeddedRouter().port());
        assertEquals(List.of("127.0.0.2:29999"), c.embeddedRouter().alsoListen());
        assertEquals(null, parse(minimal()).embeddedRouter(), "no section, no embedded router");
        assertEquals(List.of("'embeddedRouter.data' is missing: expected the router's data directory"),
                problems(minimal() + "embeddedRouter: {listen: '127.0.0.1:1'}\n"));
    }

    @Test
    void metadataFileIsAFlatMapping() throws Exception {
        Path f = home.resolve("meta.yml");
        Files.writeString(f, "room: 410\nowner: lab\n");
        assertEquals(Map.of("room", "410", "owner", "lab"), Daemon.loadMetadata(f));
        Files.writeString(f, "nested: {a: 1}\n");
        assertTrue(assertThrows(java.io.IOException.class, () -> Daemon.loadMetadata(f)).getMessage()
                .contains("'nested'"));
        Files.writeString(f, "");
        assertTrue(Daemon.loadMetadata(f).isEmpty());
    }
}
