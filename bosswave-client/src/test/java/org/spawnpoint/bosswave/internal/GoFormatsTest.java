package org.spawnpoint.bosswave.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
        assertEquals("2016-09-21T19:00:00Z", GoFormats.rfc3339Nano(t, ZoneOffset.UTC));
        assertEquals("2016-09-21T19:00:00.25Z", GoFormats.rfc3339Nano(t.plusMillis(250), ZoneOffset.UTC));
        assertEquals("2016-09-21T21:00:00.000000001+02:00",
                GoFormats.rfc3339Nano(t.plusNanos(1), ZoneId.of("+02:00")));
    }
}
