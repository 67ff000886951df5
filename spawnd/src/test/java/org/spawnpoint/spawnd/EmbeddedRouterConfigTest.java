package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.router.RouterConfig;

class EmbeddedRouterConfigTest {
    private final List<String> problems = new ArrayList<>();

    private RouterConfig parse(Object section) {
        return EmbeddedRouterConfig.parse(section, "127.0.0.1:28589", p -> Path.of(p.replace("~", "/home/me")),
                problems);
    }

    @Test
    void aSectionBecomesARouterConfigListeningOnLocalRouterByDefault() {
        RouterConfig c = parse(Map.of("data", "~/.spawnpoint/router", "alsoListen", List.of("172.17.0.1:28589"),
                "idleTimeoutMs", 60000));
        assertEquals(List.of(), problems);
        assertEquals(Path.of("/home/me/.spawnpoint/router"), c.dataDir());
        assertEquals("127.0.0.1", c.host());
        assertEquals(28589, c.port());
        assertEquals(List.of("172.17.0.1:28589"), c.alsoListen());
        assertEquals(60000, c.idleTimeoutMs());
        assertEquals(EmbeddedRouterConfig.EMBEDDED_PENDING_FRAME_BYTES, c.maxPendingFrameBytes());
    }

    @Test
    void clusterTakesAListOrACommaSeparatedStringOfNatsUrls() {
        RouterConfig c = parse(Map.of("data", "/d", "cluster", List.of("nats://10.0.0.1:4222", "nats://10.0.0.2:4222"),
                "clusterReplicas", 3));
        assertEquals(List.of(), problems);
        assertEquals(List.of("nats://10.0.0.1:4222", "nats://10.0.0.2:4222"), c.cluster());
        assertEquals(3, c.clusterReplicas());
        assertEquals(List.of("nats://h:1", "nats://h:2"), parse(Map.of("data", "/d", "cluster",
                "nats://h:1, nats://h:2")).cluster());
        assertEquals(List.of(), parse(Map.of("data", "/d")).cluster(), "no cluster: a single router");
        assertNull(parse(Map.of("data", "/d", "cluster", List.of("10.0.0.1:4222"))));
        assertEquals(List.of("'embeddedRouter.cluster': expected nats://HOST:PORT (or tls://HOST:PORT), port 1..65535, got "
                + "'10.0.0.1:4222'"),
                problems);
    }

    @Test
    void everyProblemNamesItsKey() {
        assertNull(parse(Map.of("listen", "nowhere", "alsoListen", "a:b", "idleTimeout", 5, "fsync", "maybe")));
        assertEquals(List.of(
                "'embeddedRouter.listen': expected HOST:PORT, got 'nowhere'",
                "'embeddedRouter.alsoListen': port in 'a:b' is not a number",
                "'embeddedRouter.idleTimeout': unknown key (did you mean 'idleTimeoutMs'?); known: "
                        + EmbeddedRouterConfig.keys(),
                "'embeddedRouter.fsync': expected true or false, got 'maybe'",
                "'embeddedRouter.data' is missing: expected the router's data directory"),
                problems.stream().sorted((a, b) -> order(a) - order(b)).toList());
        problems.clear();
        assertNull(parse("yes"));
        assertEquals(List.of("'embeddedRouter': expected a mapping with at least 'data' (the router's data directory), "
                + "got 'yes'"), problems);
    }

    private static int order(String problem) {
        List<String> keys = List.of("listen", "alsoListen", "idleTimeout", "fsync", "data");
        for (int i = 0; i < keys.size(); i++) {
            if (problem.startsWith("'embeddedRouter." + keys.get(i) + "'")) {
                return i;
            }
        }
        return 99;
    }
}
