package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Hostile YAML is refused quickly, with a message naming the limit that was exceeded. */
class ServiceConfigLimitsTest {

    private static ConfigException refused(String yaml) {
        // A generous bound: each of these takes milliseconds; the point is that none runs away.
        return assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(ConfigException.class, () -> ServiceConfig.parse(yaml)));
    }

    @Test
    void deepNesting() {
        String yaml = "run: " + "[".repeat(200) + "]".repeat(200);
        ConfigException e = refused(yaml);
        assertTrue(e.getMessage().contains("nests deeper than the limit of " + ServiceConfigYaml.MAX_NESTING_DEPTH),
                e.getMessage());
    }

    @Test
    void billionLaughs() {
        StringBuilder y = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (char c = 'b'; c <= 'i'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                y.append(i == 0 ? "" : ",").append('*').append((char) (c - 1));
            }
            y.append("]\n");
        }
        ConfigException e = refused(y.toString());
        assertTrue(e.getMessage().contains("more than " + ServiceConfigYaml.MAX_COLLECTION_ALIASES
                + " aliases to lists or mappings"), e.getMessage());
    }

    /** Scalar aliases are not counted by SnakeYAML; the per-key character budget stops their expansion. */
    @Test
    void scalarAliasExpansion() {
        StringBuilder y = new StringBuilder("entity: &s \"").append("a".repeat(100_000)).append("\"\nrun: [");
        for (int i = 0; i < 50; i++) {
            y.append(i == 0 ? "" : ",").append("*s");
        }
        ConfigException e = refused(y.append("]\n").toString());
        assertEquals("run", e.field());
        assertTrue(e.getMessage().contains("add up to more than " + ServiceConfigYaml.MAX_KEY_CHARS + " characters"),
                e.getMessage());
    }

    @Test
    void hugeDocument() {
        String yaml = "serviceName: big\nrun: [\"" + "x".repeat(ServiceConfigYaml.MAX_CODE_POINTS + 10) + "\"]\n";
        ConfigException e = refused(yaml);
        assertTrue(e.getMessage().contains("exceeds the limit of " + ServiceConfigYaml.MAX_CODE_POINTS + " characters"),
                e.getMessage());
    }

    /** Half a million one-letter items fit in 1 MiB; their node tree would not fit spawnd's heap. */
    @Test
    void tooManyNodes() {
        StringBuilder y = new StringBuilder("serviceName: s\nrun: [");
        while (y.length() < ServiceConfigYaml.MAX_CODE_POINTS - 100) {
            y.append("a,");
        }
        ConfigException e = refused(y.append("b]\n").toString());
        assertTrue(e.getMessage().contains("has more than " + ServiceConfigYaml.MAX_EVENTS + " YAML events"),
                e.getMessage());
    }

    @Test
    void customTags() {
        ConfigException e = refused("serviceName: !!javax.script.ScriptEngineManager [x]\n");
        assertTrue(e.getMessage().contains("Global tag is not allowed: tag:yaml.org,2002:javax.script"), e.getMessage());
        e = refused("run: [!foo bar]\n");
        assertTrue(e.getMessage().contains("the YAML tag !foo"), e.getMessage());
    }

    @Test
    void ordinaryAnchorsStillWork() {
        ServiceConfig c = ServiceConfig.parse("serviceName: &n demo\nrun: [*n, *n]\n");
        assertEquals(java.util.List.of("demo", "demo"), c.run());
    }

    @Test
    void sealedEntityKeyIsParsedAndNeverShown() {
        ServiceConfig c = ServiceConfig.parse("serviceName: s\nsealedEntity: QUJD\nmemAlloc: 1G\ncpuShares: 1\n");
        assertEquals("QUJD", c.sealedEntity());
        c.validateForDeploy();
        assertTrue(c.toYaml().contains("sealedEntity: QUJD"));
        assertFalse(c.toYaml().contains("entity: ''"), "no empty plain entity next to the sealed one");
        assertFalse(c.toYamlWithoutEntity().contains("QUJD"));
        assertFalse(c.toYamlWithoutEntity().contains("ntity"));
    }

    @Test
    void bothEntityKeysIsAnError() {
        ServiceConfig c = ServiceConfig.parse("serviceName: s\nentity: QUJD\nsealedEntity: QUJD\nmemAlloc: 1G\ncpuShares: 1\n");
        ConfigException e = assertThrows(ConfigException.class, c::validateForDeploy);
        assertTrue(e.getMessage().contains("'entity' and 'sealedEntity' are both given"), e.getMessage());
    }
}
