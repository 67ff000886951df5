package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnclient.model.HealthCheck;
import org.spawnpoint.spawnd.backend.ProbeResult;

/** Health transitions and their log texts, on a virtual clock. */
class HealthTrackerTest {
    static final Instant T0 = Instant.parse("2026-12-02T23:00:00Z");
    static final HealthCheck HTTP = new HealthCheck(List.of(), "http://localhost:8080/health", 0, "1s", "", 3, "5s");

    @Test
    void startingHealthyUnhealthyAndBackWithTheirLogTexts() {
        HealthTracker t = new HealthTracker(HTTP);
        t.restarted(T0);
        assertEquals(HealthTracker.Health.STARTING, t.health());
        HealthTracker.Change c = t.accept(T0.plusSeconds(1), ProbeResult.failed("connection refused"));
        assertNull(c.text(), "failures in the start period do not count");
        assertEquals(HealthTracker.Health.STARTING, t.health());
        c = t.accept(T0.plusMillis(2500), ProbeResult.ok("200"));
        assertTrue(c.becameHealthy());
        assertEquals("Service healthy after 2500ms: GET /health -> 200", c.text());
        assertNull(t.accept(T0.plusSeconds(4), ProbeResult.ok("200")).text(), "no news, no log");
        c = t.accept(T0.plusSeconds(5), ProbeResult.failed("503"));
        assertEquals("Health check failed: GET /health -> 503 (1 of 3)", c.text());
        assertEquals(HealthTracker.Health.HEALTHY, t.health(), "one failure is not enough");
        t.accept(T0.plusSeconds(6), ProbeResult.failed("503"));
        c = t.accept(T0.plusSeconds(7), ProbeResult.failed("503"));
        assertTrue(c.becameUnhealthy());
        assertEquals("WARN", c.level());
        assertEquals("Service unhealthy: GET /health -> 503 (3 of 3)", c.text());
        assertNull(t.accept(T0.plusSeconds(8), ProbeResult.failed("503")).text(), "said once");
        assertEquals("GET /health -> 503", t.lastFailure());
        c = t.accept(T0.plusSeconds(9), ProbeResult.ok("204"));
        assertEquals("Service healthy again: GET /health -> 204", c.text());
    }

    @Test
    void failuresAfterTheStartPeriodCountWhileStillStarting() {
        HealthTracker t = new HealthTracker(new HealthCheck(List.of("test", "-f", "/ok"), "", 0, "", "", 1, ""));
        t.restarted(T0);
        HealthTracker.Change c = t.accept(T0.plusSeconds(10), ProbeResult.failed("exit 1"));
        assertTrue(c.becameUnhealthy());
        assertEquals("Service unhealthy: exec [test, -f, /ok] -> exit 1 (1 of 1)", c.text());
        t.restarted(T0.plusSeconds(20));
        assertEquals(HealthTracker.Health.STARTING, t.health(), "a restart starts over");
    }
}
