package org.spawnpoint.bosswave.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Go durations both ways (spawnclient's config keys, spawnctl's ages, the router's {@code expirydelta}). */
class GoDurationTest {
    @ParameterizedTest
    @CsvSource({"30s,30000", "5m,300000", "1h30m,5400000", "1.5h,5400000", "250ms,250", "0,0", "2m0s,120000",
            "1m30.5s,90500", "+1s,1000"})
    void parsesGoDurations(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), GoFormats.parseDuration(text));
    }

    @Test
    void parsesSmallUnits() {
        assertEquals(Duration.ofNanos(1500), GoFormats.parseDuration("1.5us"));
        assertEquals(Duration.ofNanos(7), GoFormats.parseDuration("7ns"));
        assertEquals(Duration.ofNanos(2000), GoFormats.parseDuration("2µs"));
        assertEquals(Duration.ofSeconds(-3), GoFormats.parseDuration("-3s"));
    }

    @ParameterizedTest
    @CsvSource({"''", "s", "1", "1.2.3s", "5d", ".s", "-"})
    void rejectsBadDurations(String text) {
        assertThrows(IllegalArgumentException.class, () -> GoFormats.parseDuration(text));
    }

    /** Go's Duration.String(), the examples of spawnpoint-0.2.md §5.2 among them. */
    @ParameterizedTest
    @CsvSource({"830000000,830ms", "4470000000,4.47s", "120000000000,2m0s", "682236420000000,189h30m36.42s", "0,0s",
            "-1500000000,-1.5s", "1,1ns", "1500,1.5µs", "3600000000000,1h0m0s", "61000000000,1m1s",
            // fractions with leading zeros (Go: 1.005s, 4.047s, 1.000001ms, 2.00000005s)
            "1005000000,1.005s", "4047000000,4.047s", "1000001,1.000001ms", "2000000050,2.00000005s"})
    void formatsLikeGo(long nanos, String text) {
        assertEquals(text, GoFormats.duration(Duration.ofNanos(nanos)));
    }

    /** What the router's {@code expirydelta} parser accepted and refused before it used this one. */
    @Test
    void expiryDeltasAsTheRouterReadsThem() {
        assertEquals(3_600_000_000_000L, GoFormats.parseDuration("1h0m0s").toNanos());
        assertEquals(5_400_000_000_000L, GoFormats.parseDuration("1.5h").toNanos());
        assertEquals(720 * 3_600_000_000_000L, GoFormats.parseDuration("720h0m0s").toNanos());
        assertThrows(IllegalArgumentException.class, () -> GoFormats.parseDuration("10"));
        assertThrows(IllegalArgumentException.class, () -> GoFormats.parseDuration("1x"));
        assertThrows(IllegalArgumentException.class, () -> GoFormats.parseDuration("9999999999h"), "beyond int64 ns");
    }
}
