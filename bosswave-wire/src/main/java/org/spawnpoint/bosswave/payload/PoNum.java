package org.spawnpoint.bosswave.payload;

/**
 * Payload object numbers: dotted ({@code a.b.c.d}) and integer forms, family masks, and the constants Spawnpoint uses.
 *
 * <p>Numbers are kept in an {@code int}; types at or above 128.0.0.0 are negative as Java ints, so every conversion
 * uses unsigned shifts.
 */
public final class PoNum {

    public static final int STRING = fromDotted("64.0.1.0");
    public static final int FMD_INTENT_STRING = fromDotted("64.0.1.1");
    public static final int ACCOUNT_BALANCE = fromDotted("64.0.1.2");
    public static final int TEXT_FAMILY = fromDotted("64.0.0.0");
    public static final int YAML_FAMILY = fromDotted("67.0.0.0");
    public static final int SPAWNPOINT_CONFIG = fromDotted("67.0.2.0");
    public static final int MSGPACK = fromDotted("2.0.0.0");
    public static final int SPAWNPOINT_LOG = fromDotted("2.0.2.0");
    public static final int SPAWNPOINT_HEARTBEAT = fromDotted("2.0.2.1");
    public static final int SPAWNPOINT_SVC_HB = fromDotted("2.0.2.2");
    public static final int TS_TAGGED_FAMILY = fromDotted("2.0.3.0");
    public static final int SMETADATA = fromDotted("2.0.3.1");
    public static final int INTERFACE_DESCRIPTOR = fromDotted("2.0.6.1");
    public static final int BINARY_ACTUATION = fromDotted("1.0.1.0");
    public static final int PACKED_MESSAGE = fromDotted("1.0.1.1");
    public static final int DOUBLE = fromDotted("1.0.2.0");
    public static final int RO_ACCESS_DCHAIN = 2;
    public static final int RO_ACCESS_DOT = 32;
    public static final int RO_ENTITY = 48;
    public static final int RO_ENTITY_WITH_KEY = 50;
    public static final int RO_REVOCATION = 80;

    private PoNum() {
    }

    /** Renders {@code n} as {@code a.b.c.d}. */
    public static String toDotted(int n) {
        return (n >>> 24) + "." + ((n >>> 16) & 255) + "." + ((n >>> 8) & 255) + "." + (n & 255);
    }

    /** Parses {@code a.b.c.d}, each part 0..255. */
    public static int fromDotted(String dotted) {
        String[] parts = dotted.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("payload type '" + dotted + "' must have the form a.b.c.d");
        }
        int n = 0;
        for (String part : parts) {
            int v;
            try {
                v = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("payload type '" + dotted + "' has a non-numeric part '" + part + "'");
            }
            if (v < 0 || v > 255 || part.isEmpty() || part.startsWith("+")) {
                throw new IllegalArgumentException("payload type '" + dotted + "' has a part outside 0..255: '" + part + "'");
            }
            n = (n << 8) | v;
        }
        return n;
    }

    /** Unsigned decimal rendering, as in the {@code po} line. */
    public static String toDecimal(int n) {
        return Integer.toUnsignedString(n);
    }

    /** True when the top {@code maskBits} bits of both numbers are equal; mask 0 matches everything. */
    public static boolean matches(int n, int family, int maskBits) {
        if (maskBits < 0 || maskBits > 32) {
            throw new IllegalArgumentException("mask must be 0..32, got " + maskBits);
        }
        if (maskBits == 0) {
            return true;
        }
        int shift = 32 - maskBits;
        return (n >>> shift) == (family >>> shift);
    }

    /** Matches against {@code a.b.c.d[/mask]}; without a mask the match is exact. */
    public static boolean matches(int n, String dottedWithMask) {
        int slash = dottedWithMask.indexOf('/');
        if (slash < 0) {
            return n == fromDotted(dottedWithMask);
        }
        int mask;
        try {
            mask = Integer.parseInt(dottedWithMask.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mask in '" + dottedWithMask + "' must be a number 0..32");
        }
        return matches(n, fromDotted(dottedWithMask.substring(0, slash)), mask);
    }
}
