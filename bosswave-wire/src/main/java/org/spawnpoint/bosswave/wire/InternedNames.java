package org.spawnpoint.bosswave.wire;

import java.nio.charset.StandardCharsets;

/**
 * The strings of commands and kv keys that nearly every frame carries, shared instead of decoded per frame (a String
 * allocation and a decode saved per field; see CodecBenchmark). Used by {@link FrameReader}.
 */
final class InternedNames {
    private InternedNames() {
    }

    /** Commands seen on every connection; reusing their strings saves an allocation per frame. */
    private static final String[] COMMON_COMMANDS = {"resp", "rslt", "publ", "pers", "subs", "quer", "list", "helo",
        "sete", "usub", "make", "makd", "bldc"};

    static String command(byte[] buf, int at) {
        for (String c : COMMON_COMMANDS) {
            if (c.charAt(0) == buf[at] && c.charAt(1) == buf[at + 1] && c.charAt(2) == buf[at + 2]
                    && c.charAt(3) == buf[at + 3]) {
                return c;
            }
        }
        return new String(buf, at, 4, StandardCharsets.ISO_8859_1);
    }

    /** Keys every reply carries, by length; reusing their strings saves an allocation and a decode per field. */
    private static final String[][] COMMON_KEYS = byLength("finished", "status", "uri", "from", "signature", "umid",
            "handle", "reason", "code", "vk", "child", "hash", "version", "autochain", "elaborate_pac", "doverify",
            "persist", "unpack", "primary_access_chain", "expiry", "expirydelta", "permissions");

    private static String[][] byLength(String... keys) {
        String[][] table = new String[32][];
        for (String k : keys) {
            String[] old = table[k.length()];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = k;
            table[k.length()] = grown;
        }
        return table;
    }

    /** True when {@code key} is one of the shared key strings itself (the same object, not merely equal). */
    static boolean isCommonKey(String key) {
        int len = key.length();
        String[] candidates = len < COMMON_KEYS.length ? COMMON_KEYS[len] : null;
        if (candidates != null) {
            for (String c : candidates) {
                if (c == key) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The bytes of {@link #COMMON_KEYS}, compared without going through String.charAt. */
    private static final byte[][][] COMMON_KEY_BYTES = asBytes(COMMON_KEYS);

    private static byte[][][] asBytes(String[][] table) {
        byte[][][] out = new byte[table.length][][];
        for (int len = 0; len < table.length; len++) {
            if (table[len] != null) {
                out[len] = new byte[table[len].length][];
                for (int k = 0; k < table[len].length; k++) {
                    out[len][k] = table[len][k].getBytes(StandardCharsets.US_ASCII);
                }
            }
        }
        return out;
    }

    static String key(byte[] buf, int from, int to) {
        int len = to - from;
        byte[][] candidates = len < COMMON_KEY_BYTES.length ? COMMON_KEY_BYTES[len] : null;
        if (candidates != null) {
            for (int k = 0; k < candidates.length; k++) {
                byte[] c = candidates[k];
                int i = 0;
                while (i < len && c[i] == buf[from + i]) {
                    i++;
                }
                if (i == len) {
                    return COMMON_KEYS[len][k];
                }
            }
        }
        return new String(buf, from, len, StandardCharsets.UTF_8);
    }

    /** The longest of {@link #COMMON_VALUES}. */
    static final int MAX_VALUE_LENGTH = 7;

    /** kv values that nearly every request carries (autochain, doverify, persist, elaborate_pac, unpack). */
    private static final byte[][] COMMON_VALUES = {
        "true".getBytes(StandardCharsets.US_ASCII), "false".getBytes(StandardCharsets.US_ASCII),
        "partial".getBytes(StandardCharsets.US_ASCII)};

    /**
     * The shared array of a common value equal to {@code buf[from, from + len)}, or null. Frame values are never
     * modified (Frame's contract), so one array serves every frame.
     */
    static byte[] value(byte[] buf, int from, int len) {
        for (byte[] c : COMMON_VALUES) {
            if (c.length == len) {
                int i = 0;
                while (i < len && c[i] == buf[from + i]) {
                    i++;
                }
                if (i == len) {
                    return c;
                }
            }
        }
        return null;
    }
}
