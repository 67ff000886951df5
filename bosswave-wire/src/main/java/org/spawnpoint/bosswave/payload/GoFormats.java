package org.spawnpoint.bosswave.payload;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Text forms that bw2bind and spawnd write with Go's standard library, reproduced exactly because they go on the wire
 * or are compared with what Go prints: durations (both ways), RFC 3339 and {@code time.Time.String()}. The one home of
 * these encodings (issue 13: the client, spawnclient and the router each had their own duration code, and they had
 * drifted).
 */
public final class GoFormats {

    /**
     * The time layouts and the monotonic origin, made on first use: a duration (spawnctl's {@code --wait}, a config's
     * intervals) needs none of them, and building them (java.time's formatter tables, the process handle) was 7 ms of
     * a deploy's main thread before its first message (async-profiler, 3 runs).
     */
    private static final class Times {
        static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
        static final DateTimeFormatter GO_STRING_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
        static final DateTimeFormatter GO_STRING_ZONE = DateTimeFormatter.ofPattern(" xx z");
        /**
         * The monotonic clock's origin for the {@code m=} part, which Go counts from the process's start: the nanoTime
         * that corresponds to it (taken once; the start instant comes from the OS, so an unknown one means the first
         * use of these layouts).
         */
        static final long MONOTONIC_ORIGIN = System.nanoTime() - ProcessHandle.current().info().startInstant()
                .map(t -> Math.max(0, Duration.between(t, Instant.now()).toNanos())).orElse(0L);
    }

    private GoFormats() {
    }

    /**
     * Go {@code time.Duration.String()}: {@code 1h0m0s}, {@code 720h0m0s}, {@code 1m30s}, {@code 1.5s}, {@code 500ms},
     * {@code 1.5µs}, {@code 0s}. Go durations are int64 nanoseconds, so longer Java durations are rejected.
     */
    public static String duration(Duration d) {
        long nanos;
        try {
            nanos = d.toNanos();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("duration " + d + " does not fit in Go's int64 nanoseconds");
        }
        if (nanos == 0) {
            return "0s";
        }
        boolean negative = nanos < 0;
        // Long.MIN_VALUE has no positive counterpart; work on the unsigned magnitude.
        long u = negative ? -nanos : nanos;
        StringBuilder sb = new StringBuilder();
        if (Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            // Sub-second: one unit, with a fraction.
            String unit;
            int prec;
            if (u < 1_000L) {
                return (negative ? "-" : "") + u + "ns";
            } else if (u < 1_000_000L) {
                unit = "µs";
                prec = 3;
            } else {
                unit = "ms";
                prec = 6;
            }
            sb.append(fraction(u, prec)).append(unit);
        } else {
            long secondsPart = Long.divideUnsigned(u, 1_000_000_000L);
            long fracNanos = Long.remainderUnsigned(u, 1_000_000_000L);
            long hours = secondsPart / 3600;
            long minutes = (secondsPart / 60) % 60;
            long seconds = secondsPart % 60;
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                sb.append(minutes).append('m');
            }
            sb.append(seconds);
            appendFraction(sb, fracNanos, 9);
            sb.append('s');
        }
        return (negative ? "-" : "") + sb;
    }

    /**
     * Go {@code time.ParseDuration}: {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}, {@code -2s},
     * {@code 0}; units ns, us (µs, μs), ms, s, m, h. As config keys ({@code restartInt}), spawnctl flags and the OOB
     * {@code expirydelta} write them.
     *
     * @throws IllegalArgumentException saying what is expected, also when the total exceeds Go's int64 nanoseconds
     */
    public static Duration parseDuration(String text) {
        String expected = "expected a duration such as 30s, 5m or 1h30m";
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException(expected + ", got nothing");
        }
        String s = text;
        boolean negative = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        if (s.equals("0")) {
            return Duration.ZERO;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException(expected + ", got \"" + text + "\"");
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        int i = 0;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw new IllegalArgumentException(expected + ", got \"" + text + "\"");
            }
            long unitNanos = switch (unit) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new IllegalArgumentException(unit.isEmpty()
                        ? expected + " (a unit is missing), got \"" + text + "\""
                        : expected + " (unknown unit \"" + unit + "\"), got \"" + text + "\"");
            };
            totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(unitNanos)));
        }
        if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("duration \"" + text + "\" is too long");
        }
        long nanos = totalNanos.longValue();
        return Duration.ofNanos(negative ? -nanos : nanos);
    }

    /** {@code v / 10^prec} with trailing fractional zeros dropped, as Go's {@code fmtFrac}. */
    private static String fraction(long v, int prec) {
        long pow = 1;
        for (int i = 0; i < prec; i++) {
            pow *= 10;
        }
        StringBuilder sb = new StringBuilder().append(v / pow);
        appendFraction(sb, v % pow, prec);
        return sb.toString();
    }

    private static void appendFraction(StringBuilder sb, long frac, int prec) {
        if (frac == 0) {
            return;
        }
        // Zero-padded to prec digits, trailing zeros dropped. Not String.format: its first call sets up the
        // Formatter (its pattern, the locale's number symbols), 5% of a spawnctl scan's main thread (issue 17).
        String digits = Long.toString(frac);
        int end = digits.length();
        while (end > 0 && digits.charAt(end - 1) == '0') {
            end--;
        }
        sb.append('.');
        for (int i = digits.length(); i < prec; i++) {
            sb.append('0');
        }
        sb.append(digits, 0, end);
    }

    /** Go {@code t.Format(time.RFC3339)} in UTC: {@code 2016-09-21T19:00:00Z}. */
    public static String rfc3339(Instant t) {
        return Times.RFC3339.format(t.atOffset(ZoneOffset.UTC));
    }

    /**
     * Go (1.9+) {@code time.Now().String()}, as bw2bind writes {@code lastalive} (vectors README, "Decoded:
     * lastalive"): {@code 2026-12-02 17:09:43.593860917 +0000 UTC m=+1.027570055}. Layout
     * {@code 2006-01-02 15:04:05.999999999 -0700 MST} in {@code zone}, trailing zeros of the fraction dropped (and the
     * dot with them), then the monotonic reading {@code monotonicNanos} in seconds with always 9 fraction digits.
     */
    public static String timeString(Instant t, ZoneId zone, long monotonicNanos) {
        ZonedDateTime z = t.atZone(zone);
        StringBuilder sb = new StringBuilder(48).append(Times.GO_STRING_DATE.format(z));
        appendFraction(sb, z.getNano(), 9);
        sb.append(Times.GO_STRING_ZONE.format(z));
        long m = Math.abs(monotonicNanos);
        sb.append(" m=").append(monotonicNanos < 0 ? '-' : '+').append(m / 1_000_000_000L).append('.')
                .append(String.format("%09d", m % 1_000_000_000L));
        return sb.toString();
    }

    /** {@link #timeString} of now, in the local zone, with the time since this process began as the reading. */
    public static String timeStringNow() {
        return timeString(Instant.now(), ZoneId.systemDefault(), System.nanoTime() - Times.MONOTONIC_ORIGIN);
    }
}
