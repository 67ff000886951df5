package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.Transcripts;
import org.spawnpoint.testvectors.Vectors;

class ServiceConfigTest {
    private static final String DEPLOY_YML = """
            entity: test-entity.ent
            image: jhkolb/spawnpoint:amd64
            source: git+http://github.com/your/repo
            build: [go get -d, go build -o svcexe]
            run: [./svcexe, "your", "params"]
            memAlloc: 512M
            cpuShares: 1024
            """;

    @Test
    void parsesTheCapturedDeployFile() {
        ServiceConfig c = ServiceConfig.parse(DEPLOY_YML);
        assertEquals("test-entity.ent", c.entity());
        assertEquals("jhkolb/spawnpoint:amd64", c.image());
        assertEquals("git+http://github.com/your/repo", c.source());
        assertEquals("http://github.com/your/repo", c.sourceUrl());
        assertEquals(List.of("go get -d", "go build -o svcexe"), c.build());
        assertEquals(List.of("./svcexe", "your", "params"), c.run());
        assertEquals(512, c.memAllocMiB());
        assertEquals(1024, c.cpuShares());
        assertFalse(c.autoRestart());
        assertEquals(Duration.ZERO, c.restartInterval());
        assertEquals(Duration.ofMinutes(2), c.zombiePeriodDuration());
        assertTrue(c.needsImageBuild());
    }

    /** The YAML in the captured deploy publish parses to what we send for the same file, name and entity. */
    @Test
    void ourWireYamlMatchesTheCapturedOne() {
        Frame publ = Transcripts.frames("spawnctl-deploy.bin").get(3);
        assertEquals("publ", publ.command());
        assertEquals(PoNum.SPAWNPOINT_CONFIG, publ.pos().get(0).type());
        ServiceConfig captured = ServiceConfig.parse(publ.pos().get(0).contentAsString());
        ServiceConfig ours = ServiceConfig.parse(DEPLOY_YML).withServiceName("demosvc")
                .withEntityFile(Vectors.bytes("test-entity.ent"));
        assertEquals(captured, ours);
        assertEquals(captured, ServiceConfig.parse(ours.toYaml()));
        assertArrayEquals(Vectors.bytes("test-entity.ent"), captured.decodeEntity());
    }

    @Test
    void yamlKeepsGoFieldOrderAndLeavesOutEmptyOptionalKeys() {
        ServiceConfig c = ServiceConfig.parse(DEPLOY_YML).withServiceName("demosvc").withEntity("QUJD");
        assertEquals("""
                serviceName: demosvc
                entity: QUJD
                image: jhkolb/spawnpoint:amd64
                build:
                - go get -d
                - go build -o svcexe
                source: git+http://github.com/your/repo
                run:
                - ./svcexe
                - your
                - params
                memAlloc: 512M
                cpuShares: 1024
                autoRestart: false
                """, c.toYaml());
        assertFalse(c.toYamlWithoutEntity().contains("entity"));
    }

    @Test
    void everyKeyRoundTrips() {
        ServiceConfig c = ServiceConfig.parse("""
                serviceName: svc-1
                entity: e.ent
                image: base:1
                source: https://example.org/r.git
                aptRequires: [curl, 'git vim']
                build: [make]
                run: [./x, 1, true]
                memAlloc: 4G
                cpuShares: 0x400
                volumes: [data, cache.v]
                includedFiles: [params.yml]
                includedDirs: [conf]
                autoRestart: yes
                restartInt: 30s
                overlayNet: net1
                useHostNet: true
                zombiePeriod: 5m
                devices: [/dev/ttyUSB0]
                """);
        assertEquals(List.of("curl", "git", "vim"), c.aptRequires());
        assertEquals("curl git vim", c.aptRequiresText());
        assertEquals(List.of("./x", "1", "true"), c.run());
        assertEquals(4096, c.memAllocMiB());
        assertEquals(1024, c.cpuShares());
        assertTrue(c.autoRestart());
        assertTrue(c.useHostNet());
        assertEquals(Duration.ofSeconds(30), c.restartInterval());
        assertEquals(Duration.ofMinutes(5), c.zombiePeriodDuration());
        assertEquals(c, ServiceConfig.parse(c.toYaml()));
        assertTrue(c.toYaml().contains("aptRequires: curl git vim\n"), "0.2 daemons need aptRequires as one string");
    }

    @Test
    void awkwardTextSurvivesTheRoundTrip() {
        ServiceConfig c = ServiceConfig.builder().serviceName("s").entity("e").memAlloc("1G").cpuShares(1)
                .run(List.of("yes", "010", "a: b", "- x", "#no comment", "multi\nline", "\u00e9t\u00e9", "", " pad ", "{x}"))
                .build();
        assertEquals(c, ServiceConfig.parse(c.toYaml()));
        assertFalse(c.toYaml().contains("!!"), "no SnakeYAML type tags for a Go reader");
    }

    @Test
    void aptRequiresAsSpaceSeparatedString() {
        assertEquals(List.of("curl", "git"), ServiceConfig.parse("aptRequires: '  curl   git '").aptRequires());
    }

    @Test
    void keepsScalarsAsWritten() {
        ServiceConfig c = ServiceConfig.parse("memAlloc: 010G\nrun: [0x10, 010]");
        assertEquals("010G", c.memAlloc());
        assertEquals(8 * 1024, c.memAllocMiB(), "Go base-0: a leading 0 is octal");
        assertEquals(List.of("0x10", "010"), c.run());
    }

    @Test
    void obsoleteContainerKeyNamesTheImage() {
        assertEquals("img:1", ServiceConfig.parse("container: img:1").image());
        assertEquals("b", ServiceConfig.parse("container: a\nimage: b").image());
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheClosestKnownOne() {
        ConfigException typo = assertThrows(ConfigException.class, () -> ServiceConfig.parse("memalloc: 512M\n"));
        assertEquals("memalloc", typo.field());
        assertTrue(typo.getMessage().contains("'memalloc' is not a service config key (did you mean 'memAlloc'?); the "
                + "keys are [aptRequires, autoRestart, build,"), typo.getMessage());
        ConfigException other = assertThrows(ConfigException.class, () -> ServiceConfig.parse("foo: [1]\n"));
        assertTrue(other.getMessage().contains("'foo' is not a service config key; the keys are"), other.getMessage());
    }

    @Test
    void nullsAreAbsent() {
        ServiceConfig c = ServiceConfig.parse("run:\nimage:\ncpuShares:\n");
        assertEquals(List.of(), c.run());
        assertEquals("", c.image());
        assertEquals(0, c.cpuShares());
    }

    @Test
    void validForDeploy() {
        ServiceConfig c = ServiceConfig.parse(DEPLOY_YML).withServiceName("demosvc");
        assertEquals(c, c.validateForDeploy());
        ServiceConfig noRun = ServiceConfig.parse("entity: e\nmemAlloc: 1G\ncpuShares: 10").withServiceName("a");
        noRun.validateForDeploy();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            memAlloc: 1G\\ncpuShares: 1                 | entity      | Invalid service config: 'entity' is missing: must specify a Bosswave entity (the path of an entity file)
            entity: e\\ncpuShares: 1                     | memAlloc    | Invalid service config: 'memAlloc' is missing: must specify a memory allocation such as 512M or 4G
            entity: e\\nmemAlloc: 1G                     | cpuShares   | Invalid service config: 'cpuShares' is missing: must specify CPU shares, a whole number above 0 (1024 per core)
            entity: e\\nmemAlloc: 1G\\ncpuShares: 1      | serviceName | Invalid service config: 'serviceName' is missing: must specify a service name
            """)
    void deployNeeds(String yaml, String field, String message) {
        ServiceConfig c = ServiceConfig.parse(yaml.replace("\\n", "\n"));
        ConfigException e = assertThrows(ConfigException.class, c::validateForDeploy);
        assertEquals(field, e.field());
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            memAlloc: 512                  | memAlloc      | expected a memory size in units of M or G (such as 512M or 4G), got "512"
            memAlloc: 1.5G                 | memAlloc      | expected a whole number before the unit (such as 512M or 4G), got "1.5G"
            memAlloc: G                    | memAlloc      | expected a whole number before the unit (such as 512M or 4G), got "G"
            memAlloc: -1M                  | memAlloc      | expected a whole number before the unit (such as 512M or 4G), got "-1M"
            memAlloc: 99999999999999999999G | memAlloc     | memory size "99999999999999999999G" is too large
            memAlloc: [1]                  | memAlloc      | expected a text value, got a list
            cpuShares: many                | cpuShares     | expected a whole number of CPU shares (1024 per core), got "many"
            cpuShares: -5                  | cpuShares     | expected a whole number of CPU shares (1024 per core), got "-5"
            run: ./x                       | run           | expected a list of text values (- item lines or [a, b]), got a text value
            build: {a: b}                  | build         | expected a list of text values (- item lines or [a, b]), got a mapping
            run: [[a]]                     | run           | expected a list of text values, but item 1 is a list
            run: [a, ~]                    | run           | expected a list of text values, but item 2 is empty
            aptRequires: 'curl; rm -rf /'  | aptRequires   | expected Debian package names (a list, or one space-separated text), got "curl;"
            source: ftp://x/y              | source        | expected a git URL such as https://example.org/repo.git (optionally prefixed with git+), got "ftp://x/y"
            source: github.com/x           | source        | expected a git URL such as https://example.org/repo.git (optionally prefixed with git+), got "github.com/x"
            autoRestart: maybe             | autoRestart   | expected true or false, got "maybe"
            useHostNet: 2                  | useHostNet    | expected true or false, got "2"
            restartInt: 30                 | restartInt    | expected a duration such as 30s, 5m or 1h30m (a unit is missing), got "30"
            restartInt: 3x                 | restartInt    | expected a duration such as 30s, 5m or 1h30m (unknown unit "x"), got "3x"
            zombiePeriod: -1m              | zombiePeriod  | expected a duration that is not negative, got "-1m"
            volumes: [ok, 'bad/name']      | volumes       | expected a Docker volume name (letters, digits, '_', '.', '-'), got "bad/name"
            overlayNet: 'a b'              | overlayNet    | expected a Docker network name (letters, digits, '_', '.', '-'), got "a b"
            includedFiles: ['']            | includedFiles | expected a list of paths, but item 1 is empty
            devices: [ttyUSB0]             | devices       | expected absolute host device paths such as /dev/ttyUSB0, got "ttyUSB0"
            serviceName: 'my svc'          | serviceName   | expected lower-case letters and digits, optionally separated by one '.', one '_' or '-' (no upper case, no '__', no leading or trailing separator), at most 63 characters, such as 'my-service'; got "my svc"
            serviceName: _x                | serviceName   | expected lower-case letters and digits, optionally separated by one '.', one '_' or '-' (no upper case, no '__', no leading or trailing separator), at most 63 characters, such as 'my-service'; got "_x"
            entity: {a: 1}                 | entity        | expected a text value, got a mapping
            """)
    void rejectsBadValuesNamingTheKey(String yaml, String field, String problem) {
        ConfigException e = assertThrows(ConfigException.class, () -> ServiceConfig.parse(yaml));
        assertEquals(field, e.field());
        assertEquals("Invalid service config: '" + field + "' " + problem, e.getMessage());
    }

    @Test
    void rejectsBadDocuments() {
        assertEquals("Invalid service config: is empty: expected a YAML mapping of config keys",
                assertThrows(ConfigException.class, () -> ServiceConfig.parse("")).getMessage());
        assertEquals("Invalid service config: expected a YAML mapping of config keys (key: value), got a list",
                assertThrows(ConfigException.class, () -> ServiceConfig.parse("- a")).getMessage());
        ConfigException syntax = assertThrows(ConfigException.class, () -> ServiceConfig.parse("run: [a\nmemAlloc: 1G"));
        assertTrue(syntax.getMessage().startsWith("Invalid service config: is not valid YAML: "), syntax.getMessage());
        assertTrue(syntax.getMessage().contains("line "), syntax.getMessage());
        ConfigException dup = assertThrows(ConfigException.class, () -> ServiceConfig.parse("run: [a]\nrun: [b]"));
        assertEquals("Invalid service config: 'run' appears twice (line 2): expected each key once", dup.getMessage());
        assertEquals("Invalid service config: expected text keys, got a list as a key",
                assertThrows(ConfigException.class, () -> ServiceConfig.parse("? [a]\n: b")).getMessage());
    }

    @Test
    void entityBase64() {
        ServiceConfig c = ServiceConfig.builder().entity("not base64 !").build();
        ConfigException e = assertThrows(ConfigException.class, c::decodeEntity);
        assertEquals("entity", e.field());
        assertTrue(e.getMessage().startsWith("Invalid service config: 'entity' expected the standard base64 of an entity file"));
        assertArrayEquals("hi".getBytes(StandardCharsets.UTF_8), ServiceConfig.builder().entity("aGk=").build().decodeEntity());
    }

    @Test
    void serviceNames() {
        ServiceConfig.checkServiceName("demo.svc_1-a");
        assertThrows(ConfigException.class, () -> ServiceConfig.checkServiceName("a".repeat(64)));
        assertThrows(ConfigException.class, () -> ServiceConfig.checkServiceName("a/b"));
        assertThrows(ConfigException.class, () -> ServiceConfig.checkServiceName("Demo"));
        assertThrows(ConfigException.class, () -> ServiceConfig.checkServiceName("a__b"));
    }

    private static ServiceConfig.Builder deployable() {
        return ServiceConfig.builder().serviceName("s").entity("e").memAlloc("1G").cpuShares(1);
    }

    @Test
    void overlayNetMayNotNameDockersPredefinedNetworks() {
        for (String net : List.of("host", "bridge", "none")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> deployable().overlayNet(net).build().validateForDeploy());
            assertEquals("overlayNet", e.field());
            assertEquals("Invalid service config: 'overlayNet' may not be '" + net + "', one of Docker's predefined "
                    + "networks (host, none, bridge, default): expected the name of a network for spawnd to create and "
                    + "own, or no overlayNet for the default bridge; the host network is only for useHostNet on a "
                    + "spawnpoint with allowHostNet", e.getMessage());
        }
        deployable().overlayNet("mesh").build().validateForDeploy();
    }

    @Test
    void volumesAreBoundedAndNamedByTheOneRule() {
        List<String> many = java.util.stream.IntStream.range(0, DeployLimits.MAX_VOLUMES + 1).mapToObj(i -> "v" + i)
                .toList();
        ConfigException e = assertThrows(ConfigException.class, () -> deployable().volumes(many).build()
                .validateForDeploy());
        assertEquals("Invalid service config: 'volumes' names 65 volumes: at most 64 are allowed (a spawnpoint may "
                + "allow fewer, see its maxVolumes)", e.getMessage());
        assertEquals("volumes", assertThrows(ConfigException.class, () -> deployable().volumes(List.of("spawnpoint"))
                .build().validateForDeploy()).field());
        assertTrue(assertThrows(ConfigException.class, () -> deployable().volumes(List.of("d", "d")).build()
                .validateForDeploy()).getMessage().contains("names a volume twice"));
        deployable().volumes(many.subList(0, DeployLimits.MAX_VOLUMES)).build().validateForDeploy();
    }
}
