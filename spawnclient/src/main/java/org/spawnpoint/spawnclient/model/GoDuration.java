package org.spawnpoint.spawnclient.model;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * Go {@code time.Duration} text: parsing ({@code 30s}, {@code 5m}, {@code 1h30m}, {@code 1.5h}, {@code 250ms}) as the
 * config keys {@code restartInt} and {@code zombiePeriod} are written, and {@code Duration.String()} formatting
 * ({@code 830ms}, {@code 4.47s}, {@code 2m0s}) as spawnctl prints ages.
 */
public final class GoDuration {
    private GoDuration() {
    }

    /** Parses a Go duration; throws {@link IllegalArgumentException} saying what is expected. */
    public static Duration parse(String text) {
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

    /** Go's {@code Duration.String()}. */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        boolean neg = n < 0;
        // Long.MIN_VALUE cannot be negated; Go prints it from the unsigned value, and so do we.
        long u = Math.abs(n);
        StringBuilder sb = new StringBuilder();
        if (u > 0 && Long.compareUnsigned(u, 1_000_000_000L) < 0) {
            if (u < 1_000L) {
                sb.append(u).append("ns");
            } else if (u < 1_000_000L) {
                sb.append(fraction(u, 3)).append("µs");
            } else {
                sb.append(fraction(u, 6)).append("ms");
            }
        } else {
            long totalSeconds = Long.divideUnsigned(u, 1_000_000_000L);
            long fracNanos = Long.remainderUnsigned(u, 1_000_000_000L);
            long hours = totalSeconds / 3600;
            long minutes = (totalSeconds / 60) % 60;
            long seconds = totalSeconds % 60;
            if (hours > 0) {
                sb.append(hours).append('h');
            }
            if (hours > 0 || minutes > 0) {
                sb.append(minutes).append('m');
            }
            sb.append(fraction(seconds * 1_000_000_000L + fracNanos, 9)).append('s');
        }
        return neg ? "-" + sb : sb.toString();
    }

    /** {@code v / 10^digits} with trailing zeros (and a bare point) removed. */
    private static String fraction(long v, int digits) {
        long scale = (long) Math.pow(10, digits);
        long whole = v / scale;
        long frac = v % scale;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceAll("0+$", "");
        return whole + "." + f;
    }
}
