package org.spawnpoint.spawnctl;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.model.LogEntry;

/** The original's text formats: seen lines, ages and prefixed log lines (spawnpoint-0.2.md §5.2, §5.5). */
final class Formats {
    /**
     * Go's RFC822 layout {@code 02 Jan 06 15:04 MST}. The month's English abbreviations are given to the builder
     * rather than looked up: the lookup sets up the locale's calendar texts, 8% of a scan's main thread (issue 17).
     * FormatsTest checks it against the pattern {@code dd MMM yy HH:mm z}.
     */
    private static final DateTimeFormatter RFC822 = new DateTimeFormatterBuilder()
            .appendPattern("dd ").appendText(ChronoField.MONTH_OF_YEAR, englishMonths()).appendPattern(" yy HH:mm z")
            .toFormatter(Locale.ENGLISH);
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MM/dd HH:mm:ss", Locale.ENGLISH);

    private Formats() {
    }

    private static java.util.Map<Long, String> englishMonths() {
        String[] names = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
        java.util.Map<Long, String> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(i + 1L, names[i]);
        }
        return m;
    }

    /** Age truncated to a multiple of 10 ms, in Go's {@code Duration.String()} form: {@code 4.47s}, {@code 2m0s}. */
    static String age(Instant then, Instant now) {
        long tenMs = 10_000_000L;
        long nanos = Duration.between(then, now).toNanos();
        return GoFormats.duration(Duration.ofNanos(nanos / tenMs * tenMs));
    }

    /** {@code [name] seen 25 Nov 26 10:00 UTC (4.47s) ago[ at uri]}, green when good, red when not. */
    static String seenLine(Style st, String name, Instant lastSeen, boolean good, String uri, Instant now, ZoneId zone) {
        String ts = RFC822.format(lastSeen.atZone(zone)) + " (" + age(lastSeen, now) + ")";
        String line = "[" + st.blue(name) + "] seen " + (good ? st.green(ts) : st.red(ts)) + " ago";
        return uri == null ? line : line + " at " + uri;
    }

    /** A log message with every line prefixed {@code [MM/dd HH:mm:ss] alias::service > }. */
    static String logLines(Style st, LogEntry e, ZoneId zone) {
        String prefix = "[" + LOG_TIME.format(e.time().atZone(zone)) + "] " + st.blue(e.spAlias() + "::" + e.service() + " >") + " ";
        String contents = e.contents();
        int start = 0;
        int end = contents.length();
        while (start < end && contents.charAt(start) == '\n') {
            start++;
        }
        while (end > start && contents.charAt(end - 1) == '\n') {
            end--;
        }
        return prefix + contents.substring(start, end).replace("\n", "\n" + prefix);
    }
}
