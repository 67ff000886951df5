package org.spawnpoint.bosswave.router.internal.objects;

import java.util.Locale;

/** The access-permission bitmask of DOTs (bosswave-oob.md §5.2) and its string form ({@code PC*}, {@code LPC*}, …). */
public final class Permissions {
    public static final int C = 0x01;
    public static final int C_PLUS = 0x02;
    public static final int C_STAR = 0x04;
    public static final int T = 0x08;
    public static final int T_PLUS = 0x10;
    public static final int T_STAR = 0x20;
    public static final int P = 0x40;
    public static final int L = 0x80;

    private Permissions() {
    }

    /** Parses a permission string case-insensitively and sets the implied bits; IllegalArgumentException when invalid. */
    public static int parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("permission string is empty");
        }
        String u = s.toUpperCase(Locale.ROOT);
        int bits = 0;
        for (int i = 0; i < u.length(); i++) {
            char ch = u.charAt(i);
            char next = i + 1 < u.length() ? u.charAt(i + 1) : 0;
            switch (ch) {
                case 'C', 'T' -> {
                    int base = ch == 'C' ? C : T;
                    if (next == '*') {
                        bits |= base * 7;
                        i++;
                    } else if (next == '+') {
                        bits |= base * 3;
                        i++;
                    } else {
                        bits |= base;
                    }
                }
                case 'P' -> bits |= P;
                case 'L' -> bits |= L;
                default -> throw new IllegalArgumentException("invalid permission character '" + s.charAt(i)
                        + "' in '" + s + "' (expected C, C+, C*, T, T+, T*, P, L)");
            }
        }
        return bits;
    }

    /** Canonical rendering: C*|C+|C, then T*|T+|T, then P, then L. */
    public static String render(int bits) {
        StringBuilder sb = new StringBuilder();
        if ((bits & C_STAR) != 0) {
            sb.append("C*");
        } else if ((bits & C_PLUS) != 0) {
            sb.append("C+");
        } else if ((bits & C) != 0) {
            sb.append('C');
        }
        if ((bits & T_STAR) != 0) {
            sb.append("T*");
        } else if ((bits & T_PLUS) != 0) {
            sb.append("T+");
        } else if ((bits & T) != 0) {
            sb.append('T');
        }
        if ((bits & P) != 0) {
            sb.append('P');
        }
        if ((bits & L) != 0) {
            sb.append('L');
        }
        return sb.toString();
    }

    public static boolean grants(int have, int need) {
        return (have & need) == need;
    }
}
