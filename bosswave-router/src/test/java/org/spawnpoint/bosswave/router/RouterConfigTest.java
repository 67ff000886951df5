package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.router.RouterConfig.ResultSignatures;

class RouterConfigTest {
    @TempDir
    Path dir;

    private RouterConfig load(String text) throws Exception {
        Path file = dir.resolve("bw2.properties");
        Files.writeString(file, text);
        return RouterConfig.builder().load(file).build();
    }

    private String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> load(text)).getMessage();
    }

    @Test
    void defaultsSignOnDemandAndDoNotPoll() {
        RouterConfig c = RouterConfig.builder().build();
        assertEquals(ResultSignatures.ON_DEMAND, c.resultSignatures());
        assertEquals(0, c.busyPollMicros());
    }

    @Test
    void readsTheSpeedKeys() throws Exception {
        RouterConfig c = load("resultSignatures = always\nbusyPollMicros = 200\nlisten = 0.0.0.0:1234\n");
        assertEquals(ResultSignatures.ALWAYS, c.resultSignatures());
        assertEquals(200, c.busyPollMicros());
        assertEquals(1234, c.port());
        assertEquals(ResultSignatures.ON_DEMAND, load("resultSignatures=On-Demand\n").resultSignatures());
    }

    @Test
    void clusterIsOffByDefaultAndTakesNatsUrls() throws Exception {
        RouterConfig single = RouterConfig.builder().build();
        assertEquals(java.util.List.of(), single.cluster());
        assertEquals(3, single.clusterReplicas());
        RouterConfig c = load("cluster = nats://10.0.0.1:4222, nats://10.0.0.2:4222\nclusterReplicas = 1\n");
        assertEquals(java.util.List.of("nats://10.0.0.1:4222", "nats://10.0.0.2:4222"), c.cluster());
        assertEquals(1, c.clusterReplicas());
        for (String bad : new String[] {"10.0.0.1:4222", "http://h:4222", "nats://h", "nats://h:0", "nats://h:1/x",
            "nats://h:99999", "nats:// h:1"}) {
            String e = error("cluster = " + bad + "\n");
            assertTrue(e.startsWith("cluster: expected nats://HOST:PORT") && e.contains(bad), e);
        }
        String replicas = error("clusterReplicas = 7\n");
        assertTrue(replicas.contains("clusterReplicas") && replicas.contains("1..5"), replicas);
    }

    @Test
    void badValuesNameTheKeyAndWhatIsExpected() {
        String sig = error("resultSignatures = sometimes\n");
        assertTrue(sig.contains("'resultSignatures'") && sig.contains("on-demand or always"), sig);
        String poll = error("busyPollMicros = 20000\n");
        assertTrue(poll.contains("busyPollMicros") && poll.contains("0..10000"), poll);
        String notNumber = error("busyPollMicros = fast\n");
        assertTrue(notNumber.contains("'busyPollMicros'") && notNumber.contains("integer"), notNumber);
        String unknown = error("busyPoll = 1\n");
        assertTrue(unknown.contains("unknown key") && unknown.contains("busyPollMicros"), unknown);
    }

    @Test
    void hardeningKeysHaveDefaultsAndAreRead() throws Exception {
        RouterConfig d = RouterConfig.builder().build();
        assertEquals(256L << 20, d.maxPendingFrameBytes());
        assertEquals(64, d.maxConnectionsPerAddress());
        assertEquals(10_000, d.handshakeTimeoutMs());
        assertEquals(60_000, d.frameTimeoutMs());
        assertEquals(300_000, d.idleTimeoutMs());
        assertEquals(60, d.registryWritesPerMinute());
        assertEquals(16 << 10, d.maxRegistryObjectBytes());
        RouterConfig c = load("maxPendingFrameBytes = 4294967296\nmaxConnectionsPerAddress = 8\nhandshakeTimeoutMs = 500\n"
                + "frameTimeoutMs = 700\nidleTimeoutMs = 900\nregistryWritesPerMinute = 3\nmaxRegistryObjectBytes = 2048\n");
        assertEquals(4L << 30, c.maxPendingFrameBytes());
        assertEquals(8, c.maxConnectionsPerAddress());
        assertEquals(500, c.handshakeTimeoutMs());
        assertEquals(700, c.frameTimeoutMs());
        assertEquals(900, c.idleTimeoutMs());
        assertEquals(3, c.registryWritesPerMinute());
        assertEquals(2048, c.maxRegistryObjectBytes());
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void badHardeningValuesNameTheKey() {
        // (values out of range are found by build(), which names the key; unparsable ones by load(), which quotes it)
        String budget = error("maxPendingFrameBytes = 1000\n");
        assertTrue(budget.contains("maxPendingFrameBytes:") && budget.contains("1048576"), budget);
        String perAddress = error("maxConnectionsPerAddress = 0\n");
        assertTrue(perAddress.contains("maxConnectionsPerAddress:") && perAddress.contains("at least 1"), perAddress);
        String timeout = error("frameTimeoutMs = 10\n");
        assertTrue(timeout.contains("frameTimeoutMs:") && timeout.contains("at least 100"), timeout);
        String idle = error("idleTimeoutMs = soon\n");
        assertTrue(idle.contains("'idleTimeoutMs'") && idle.contains("integer"), idle);
        String rate = error("registryWritesPerMinute = -1\n");
        assertTrue(rate.contains("registryWritesPerMinute:"), rate);
        String size = error("maxRegistryObjectBytes = 10\n");
        assertTrue(size.contains("maxRegistryObjectBytes:") && size.contains("1024"), size);
        String handshake = error("handshakeTimeoutMs = 99999999999\n");
        assertTrue(handshake.contains("'handshakeTimeoutMs'") && handshake.contains("integer"), handshake);
    }
}
