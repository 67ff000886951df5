package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class FormatsTest {
    /** What the seen line's time stamp was written with before its month names were given to the formatter. */
    private static final DateTimeFormatter PATTERN = DateTimeFormatter.ofPattern("dd MMM yy HH:mm z", Locale.ENGLISH);

    @Test
    void seenLineWritesGosRfc822AsThePatternDoesForEveryMonthAndZone() {
        Style plain = new Style(false);
        for (String zone : List.of("UTC", "Etc/UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Etc/GMT+5")) {
            for (int month = 1; month <= 12; month++) {
                ZonedDateTime t = ZonedDateTime.of(2026, month, 3, 9, 5, 0, 0, ZoneId.of(zone));
                Instant seen = t.toInstant();
                String line = Formats.seenLine(plain, "sp", seen, true, null, seen.plusMillis(4470), ZoneId.of(zone));
                assertEquals("[sp] seen " + PATTERN.format(t) + " (4.47s) ago", line);
            }
        }
    }

    @Test
    void seenLineInUtc() {
        Instant seen = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals("[sp] seen 25 Nov 26 10:00 UTC (2m0s) ago at a/b", Formats.seenLine(new Style(false), "sp", seen,
                true, "a/b", seen.plusSeconds(120), ZoneId.of("UTC")));
    }
}
