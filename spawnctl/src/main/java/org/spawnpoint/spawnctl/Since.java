package org.spawnpoint.spawnctl;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.spawnpoint.bosswave.payload.GoFormats;

/**
 * A {@code --since} value: how far back ({@code 10m}, {@code 1h30m}; Go's duration syntax), or a time: an ISO-8601
 * instant with its offset ({@code 2026-12-02T22:00:00Z}), or a local date and time in the local zone
 * ({@code 2026-12-02T22:00}, {@code 2026-12-02 22:00:30}).
 */
final class Since {
    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm[:ss]");

    private Since() {
    }

    static Instant parse(String value, Instant now, ZoneId zone) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw CtlException.usage("Invalid 'since' parameter: expected a duration such as 10m or a time such as "
                    + "2026-12-02T22:00:00Z, got nothing");
        }
        if (Character.isDigit(v.charAt(0)) && v.length() >= 10 && v.charAt(4) == '-') {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                // not with an offset: a local time
            }
            try {
                return LocalDateTime.parse(v).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                // nor ISO local
            }
            try {
                return LocalDateTime.parse(v, SPACED).atZone(zone).toInstant();
            } catch (DateTimeParseException e) {
                throw CtlException.usage("Invalid 'since' parameter: \"" + v + "\" is not a time; expected e.g. "
                        + "2026-12-02T22:00:00Z or 2026-12-02 22:00 (local time)");
            }
        }
        Duration back;
        try {
            back = GoFormats.parseDuration(v);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage("Invalid 'since' parameter: " + e.getMessage() + ", or a time such as "
                    + "2026-12-02T22:00:00Z");
        }
        if (back.isNegative() || back.isZero()) {
            throw CtlException.usage("Invalid 'since' parameter: expected a duration above 0, got \"" + v + "\"");
        }
        return now.minus(back);
    }
}
