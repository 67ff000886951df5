package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnclient.model.RestartPolicy;

/** The restart policy's arithmetic on a virtual clock: backoff, cap, jitter, reset and giving up. */
class RestartSeriesTest {
    static final Instant T0 = Instant.parse("2026-12-02T23:00:00Z");

    static Duration ms(long n) {
        return Duration.ofMillis(n);
    }

    @Test
    void delaysDoubleToTheCapAndNeverGoBelowRestartInt() {
        CrashBackoff b = new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), 0, 0);
        List<Duration> delays = new ArrayList<>();
        for (int n = 1; n <= 6; n++) {
            delays.add(b.delay(Duration.ZERO, n));
        }
        assertEquals(List.of(ms(1000), ms(2000), ms(4000), ms(8000), ms(10_000), ms(10_000)), delays);
        assertEquals(ms(5000), b.delay(Duration.ofSeconds(5), 1), "restartInt is the floor");
        assertEquals(ms(10_000), b.delay(Duration.ZERO, Integer.MAX_VALUE), "no overflow far into a series");
    }

    @Test
    void jitterShortensByAtMostItsFractionAndKeepsTheFloor() {
        CrashBackoff b = new CrashBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(30), 0, 0.2);
        assertEquals(ms(8000), b.jittered(Duration.ZERO, 4, 0.0));
        long shortest = b.jittered(Duration.ZERO, 4, 0.999_999_9).toMillis();
        assertTrue(shortest >= 6400 && shortest <= 6401, "at most a fifth off 8s: " + shortest);
        assertEquals(ms(7000), b.jittered(Duration.ofSeconds(7), 4, 0.99), "never below restartInt");
        Duration mid = b.jittered(Duration.ZERO, 5, 0.5);
        assertEquals(ms(9000), mid, "cap 10s less half of a fifth");
    }

    @Test
    void aCrashLoopBacksOffThenResetsAfterAHealthyPeriod() {
        CrashBackoff b = new CrashBackoff(ms(100), ms(400), Duration.ofSeconds(2), 0, 0);
        RestartSeries s = new RestartSeries(() -> 0.0);
        Instant now = T0;
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            s.good(now);                        // up again (no check)
            now = now.plusMillis(300);          // crashes 300 ms later: shorter than resetAfter
            RestartSeries.Decision d = s.next(now, b, Duration.ZERO);
            assertFalse(d.givenUp());
            delays.add(d.delay());
            now = now.plus(d.delay());
        }
        assertEquals(List.of(ms(100), ms(200), ms(400), ms(400), ms(400)), delays, "doubling to the cap");
        assertEquals(5, s.inARow());
        s.good(now);
        assertFalse(s.resetIfStable(now.plusMillis(1999), b), "not yet stable");
        now = now.plusSeconds(2);
        RestartSeries.Decision after = s.next(now, b, Duration.ZERO);
        assertEquals(ms(100), after.delay(), "a new series after resetAfter up");
        assertEquals(1, after.inARow());
        assertEquals(6, s.total(), "the total counts since the deploy");
    }

    @Test
    void unhealthyTimeDoesNotCountTowardsTheReset() {
        CrashBackoff b = new CrashBackoff(ms(100), ms(400), Duration.ofSeconds(2), 0, 0);
        RestartSeries s = new RestartSeries(() -> 0.0);
        s.next(T0, b, Duration.ZERO);
        s.good(T0.plusSeconds(1));
        s.notGood();                            // unhealthy at 1.5 s
        assertFalse(s.resetIfStable(T0.plusSeconds(10), b));
        assertEquals(ms(200), s.next(T0.plusSeconds(10), b, Duration.ZERO).delay());
    }

    @Test
    void maxRestartsEndsInGivenUpUntilStartedOver() {
        CrashBackoff b = CrashBackoff.DEFAULT.with(new RestartPolicy("10ms", "40ms", "1s", 3));
        assertEquals(3, b.maxRestarts());
        RestartSeries s = new RestartSeries(() -> 0.0);
        Instant now = T0;
        for (int i = 1; i <= 3; i++) {
            RestartSeries.Decision d = s.next(now, b, Duration.ZERO);
            assertFalse(d.givenUp(), "restart " + i);
            assertEquals(i, d.inARow());
            now = now.plusMillis(50);
        }
        RestartSeries.Decision fourth = s.next(now, b, Duration.ZERO);
        assertTrue(fourth.givenUp());
        assertEquals(3, fourth.inARow());
        assertEquals(3, s.total(), "giving up is not a restart");
        s.startOver(false);                      // restart by hand
        assertFalse(s.next(now, b, Duration.ZERO).givenUp());
        assertEquals(4, s.total());
        s.startOver(true);                       // redeploy
        assertEquals(0, s.total());
    }

    @Test
    void aServicePolicyOverridesOnlyTheKeysItGives() {
        CrashBackoff d = CrashBackoff.DEFAULT;
        assertEquals(Duration.ofSeconds(1), d.initial());
        assertEquals(Duration.ofMinutes(5), d.cap());
        assertEquals(Duration.ofSeconds(30), d.resetAfter());
        assertEquals(0, d.maxRestarts());
        assertEquals(d, d.with(null));
        CrashBackoff p = d.with(new RestartPolicy("", "", "10m", 0));
        assertEquals(Duration.ofSeconds(1), p.initial());
        assertEquals(Duration.ofMinutes(10), p.resetAfter());
        assertEquals(Duration.ofMinutes(20), d.with(new RestartPolicy("20m", "", "", 0)).cap(),
                "a first delay above the default cap is its own cap");
        assertThrows(IllegalArgumentException.class, () -> new CrashBackoff(ms(10), ms(5), ms(0), 0, 0));
        assertEquals("backoff 1s doubling to 5m0s, reset after 30s, never gives up", d.describe());
    }
}
