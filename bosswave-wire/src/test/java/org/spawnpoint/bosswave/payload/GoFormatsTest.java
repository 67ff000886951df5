package org.spawnpoint.bosswave.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class GoFormatsTest {

    @Test
    void durationsAsGoPrintsThem() {
        assertEquals("0s", GoFormats.duration(Duration.ZERO));
        assertEquals("1h0m0s", GoFormats.duration(Duration.ofHours(1)));
        assertEquals("720h0m0s", GoFormats.duration(Duration.ofHours(720)));
        assertEquals("1m30s", GoFormats.duration(Duration.ofSeconds(90)));
        assertEquals("10s", GoFormats.duration(Duration.ofSeconds(10)));
        assertEquals("1.5s", GoFormats.duration(Duration.ofMillis(1500)));
        assertEquals("500ms", GoFormats.duration(Duration.ofMillis(500)));
        assertEquals("1.5ms", GoFormats.duration(Duration.ofNanos(1_500_000)));
        assertEquals("1.5µs", GoFormats.duration(Duration.ofNanos(1_500)));
        assertEquals("999ns", GoFormats.duration(Duration.ofNanos(999)));
        assertEquals("2h46m40.000000001s", GoFormats.duration(Duration.ofSeconds(10_000, 1)));
        assertEquals("-1m0s", GoFormats.duration(Duration.ofMinutes(-1)));
        assertEquals("-500ms", GoFormats.duration(Duration.ofMillis(-500)));
        assertEquals("2562047h47m16.854775807s", GoFormats.duration(Duration.ofNanos(Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> GoFormats.duration(Duration.ofDays(400 * 365L)));
    }

    @Test
    void timesAsGoPrintsThem() {
        Instant t = Instant.parse("2016-09-21T19:00:00Z");
        assertEquals("2016-09-21T19:00:00Z", GoFormats.rfc3339(t));
        assertEquals("2016-09-21T19:00:00Z", GoFormats.rfc3339(t.plusMillis(250)));
    }

    @Test
    void timeStringIsGosTimeNowString() {
        // The value captured from bw2bind in service-lastalive.bin (vectors README, "Decoded: lastalive").
        assertEquals("2026-12-02 17:09:43.593860917 +0000 UTC m=+1.027570055", GoFormats.timeString(
                Instant.parse("2026-12-02T17:09:43.593860917Z"), ZoneId.of("UTC"), 1_027_570_055L));
        Instant t = Instant.parse("2016-09-21T19:00:00Z");
        // Trailing zeros of the fraction go, and the dot with them; the monotonic part keeps 9 digits.
        assertEquals("2016-09-21 19:00:00 +0000 UTC m=+0.000000001",
                GoFormats.timeString(t, ZoneId.of("Etc/UTC"), 1));
        assertEquals("2016-09-21 19:00:00.25 +0000 UTC m=+12.500000000",
                GoFormats.timeString(t.plusMillis(250), ZoneId.of("UTC"), 12_500_000_000L));
        assertEquals("2016-09-21 12:00:00.000000001 -0700 PDT m=+3.000000000",
                GoFormats.timeString(t.plusNanos(1), ZoneId.of("America/Los_Angeles"), 3_000_000_000L));
        assertTrue(GoFormats.timeStringNow().matches(
                "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{1,9})? [+-]\\d{4} \\S+ m=\\+\\d+\\.\\d{9}"),
                GoFormats.timeStringNow());
    }
}
