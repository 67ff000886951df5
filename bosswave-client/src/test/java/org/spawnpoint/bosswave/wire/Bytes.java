package org.spawnpoint.bosswave.wire;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Test helpers (shared by every test package of this module): vector loading and byte-exact comparison that reports the first differing index. */
public final class Bytes {
    private Bytes() {
    }

    public static byte[] vector(String name) {
        try (InputStream in = Bytes.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        int n = Math.min(expected.length, actual.length);
        for (int i = 0; i < n; i++) {
            if (expected[i] != actual[i]) {
                fail(what + ": bytes differ at index " + i + ": expected 0x" + Integer.toHexString(expected[i] & 255)
                        + " ('" + show(expected, i) + "') but was 0x" + Integer.toHexString(actual[i] & 255)
                        + " ('" + show(actual, i) + "')");
            }
        }
        if (expected.length != actual.length) {
            fail(what + ": lengths differ at index " + n + ": expected " + expected.length + " bytes but was " + actual.length);
        }
    }

    private static String show(byte[] b, int at) {
        StringBuilder sb = new StringBuilder();
        for (int i = Math.max(0, at - 12); i < Math.min(b.length, at + 12); i++) {
            int c = b[i] & 255;
            sb.append(c >= 0x20 && c < 0x7f ? (char) c : c == '\n' ? '⏎' : '?');
        }
        return sb.toString();
    }
}
