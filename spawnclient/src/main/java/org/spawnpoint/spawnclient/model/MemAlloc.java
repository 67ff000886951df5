package org.spawnpoint.spawnclient.model;

import java.math.BigInteger;

/**
 * Memory sizes as Spawnpoint 0.2 writes them ({@code 512M}, {@code 4G}): a number, then the unit {@code M}/{@code m}
 * (MiB) or {@code G}/{@code g} (GiB). The number follows Go's base-0 rules as the original {@code ParseMemAlloc} does
 * ({@code 0x} hex, a leading {@code 0} octal), so that a config means the same thing to our daemon and an original
 * one; unlike the original, overflow is an error.
 */
public final class MemAlloc {
    private static final BigInteger MAX_MIB = BigInteger.valueOf(Long.MAX_VALUE);

    private MemAlloc() {
    }

    /** The size in MiB; throws {@link IllegalArgumentException} with a message saying what is expected. */
    public static long parseMiB(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("expected a memory size such as 512M or 4G, got nothing");
        }
        char unit = text.charAt(text.length() - 1);
        long factor = switch (unit) {
            case 'M', 'm' -> 1;
            case 'G', 'g' -> 1024;
            default -> throw new IllegalArgumentException(
                    "expected a memory size in units of M or G (such as 512M or 4G), got \"" + text + "\"");
        };
        BigInteger n = parseGoUnsigned(text.substring(0, text.length() - 1));
        if (n == null) {
            throw new IllegalArgumentException(
                    "expected a whole number before the unit (such as 512M or 4G), got \"" + text + "\"");
        }
        BigInteger mib = n.multiply(BigInteger.valueOf(factor));
        if (mib.compareTo(MAX_MIB) > 0) {
            throw new IllegalArgumentException("memory size \"" + text + "\" is too large");
        }
        return mib.longValueExact();
    }

    /** Go {@code strconv.ParseUint(s, 0, 64)} as of 2016: {@code 0x}/{@code 0X} hex, leading {@code 0} octal. */
    private static BigInteger parseGoUnsigned(String s) {
        int radix = 10;
        String digits = s;
        if (s.length() > 2 && (s.startsWith("0x") || s.startsWith("0X"))) {
            radix = 16;
            digits = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            digits = s.substring(1);
        }
        if (digits.isEmpty()) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (Character.digit(digits.charAt(i), radix) < 0) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }

    /** Renders MiB the way people write it: {@code 4G} when a whole number of GiB, else {@code 512M}. */
    public static String format(long mib) {
        return mib != 0 && mib % 1024 == 0 ? (mib / 1024) + "G" : mib + "M";
    }
}
