package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.Instants;

/** Issue 16 in scan and inspect: health, last failed check, restarts, uptime and the given-up state. */
class HealthViewsTest {
    static final String P = "scratch.ns/spawnpoint/alpha";

    @TempDir
    Path dir;
    CtlHarness h;

    @BeforeEach
    void setUp() throws IOException {
        h = new CtlHarness(dir);
        Files.write(h.workDir.resolve("me.ent"), new byte[] {0x32});
    }

    static ServiceInfo svc(String name, String state, String health, String detail, long restarts, long upSeconds) {
        return new ServiceInfo(name, P, CtlHarness.NOW.minusSeconds(1), 512, 1024, 12.345, 25.0, 256, 0, 0, 0, 0, "",
                state, health, detail, restarts,
                upSeconds < 0 ? 0 : Instants.toNanos(CtlHarness.NOW.minusSeconds(upSeconds)));
    }

    void details(ServiceInfo... services) {
        java.util.Map<String, ServiceInfo> m = new java.util.HashMap<>();
        for (ServiceInfo s : services) {
            m.put(s.name(), s);
        }
        h.client.details.put(P, new SpawnpointDetails(P, Optional.empty(), m, Map.of()));
    }

    @Test
    void inspectShowsHealthRestartsUptimeAndGivenUp() {
        details(svc("web", "", "unhealthy", "GET /health -> 503", 2, 65),
                svc("db", "given-up", "", "gave up after 5 restarts in a row (restartPolicy.maxRestarts: 5); last:"
                        + " exited with code 3; restart it by hand (spawnctl restart)", 5, -1),
                svc("plain", "", "", "", 0, 30));
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P));
        String out = h.out();
        assertTrue(out.contains("""
                  • [db] seen 25 Nov 26 09:59 UTC (1s) ago
                      Memory: 12.35/512 MB, CPU Shares: ~256/1024
                      State: given-up (gave up after 5 restarts in a row (restartPolicy.maxRestarts: 5); last: exited with\
                 code 3; restart it by hand (spawnctl restart))
                      Restarts: 5
                """), out);
        assertTrue(out.contains("""
                  • [plain] seen 25 Nov 26 09:59 UTC (1s) ago
                      Memory: 12.35/512 MB, CPU Shares: ~256/1024
                      Up: 30s
                """), out);
        assertTrue(out.contains("""
                  • [web] seen 25 Nov 26 09:59 UTC (1s) ago
                      Memory: 12.35/512 MB, CPU Shares: ~256/1024
                      Health: unhealthy (GET /health -> 503), Restarts: 2, Up: 1m5s
                """), out);

        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P, "-n", "web"));
        assertTrue(h.out().contains("Memory Usage: 12.35/512 MiB\nHealth: unhealthy (GET /health -> 503), Restarts: 2,"
                + " Up: 1m5s\nLast Failed Check: GET /health -> 503\n"), h.out());
    }

    @Test
    void jsonCarriesTheFieldsForScripts() {
        details(svc("web", "", "healthy", "GET /health -> 503", 1, 10),
                svc("db", "given-up", "", "gave up", 3, -1));
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P, "--json"));
        String out = h.out();
        assertTrue(out.contains("\"health\": \"healthy\",\n      \"healthDetail\": \"GET /health -> 503\",\n"
                + "      \"restarts\": 1,\n      \"startedAt\": \"2026-11-25T09:59:50Z\",\n      \"uptimeMillis\": 10000"), out);
        assertTrue(out.contains("\"state\": \"given-up\",\n      \"givenUp\": true,\n      \"healthDetail\": \"gave up\",\n"
                + "      \"restarts\": 3\n"), out);
    }

    @Test
    void servicesOfOlderDaemonsLookAsBefore() {
        details(new ServiceInfo("old", P, CtlHarness.NOW.minusSeconds(1), 512, 1024, 12.345, 25.0, 256, 0, 0, 0, 0, "",
                ""));
        assertEquals(0, h.run("-e", "me.ent", "inspect", "-u", P, "-n", "old"));
        assertEquals("""
                [old] seen 25 Nov 26 09:59 UTC (1s) ago at scratch.ns/spawnpoint/alpha
                CPU Usage: ~256/1024 Shares
                Memory Usage: 12.35/512 MiB
                """, h.out());
    }
}
