package org.spawnpoint.testvectors;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The captured transcripts of the spec's {@code vectors/} (README there: who wrote each, and how), on the classpath as
 * {@code /vectors/NAME}: their bytes, their names, and a comparison that names the first byte that differs.
 */
public final class Vectors {
    private Vectors() {
    }

    /** The bytes of capture {@code name}, e.g. {@code publish-string.bin}. */
    public static byte[] bytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test vector " + name + " in test-vectors (/vectors/)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every capture whose name ends with {@code suffix} (e.g. {@code .bin}), sorted: read from the classpath, from the
     * directory of a reactor build or from this module's jar, so that a new capture is tested without a list to edit.
     */
    public static List<String> names(String suffix) {
        URL dir = Vectors.class.getResource("/vectors/");
        if (dir == null) {
            throw new IllegalStateException("no /vectors/ on the classpath");
        }
        try {
            if (dir.getProtocol().equals("jar")) {
                try (FileSystem jar = FileSystems.newFileSystem(dir.toURI(), Map.of())) {
                    return list(jar.getPath("/vectors"), suffix);
                }
            }
            return list(Path.of(dir.toURI()), suffix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> list(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    /**
     * Fails unless {@code actual} is {@code expected} byte for byte, naming the first index that differs (or where one
     * ends) with both bytes in hex and the printable text around them.
     */
    public static void assertSameBytes(byte[] expected, byte[] actual, String what) {
        int at = firstDifference(expected, actual);
        if (at < 0) {
            return;
        }
        if (at < expected.length && at < actual.length) {
            fail(what + ": bytes differ at index " + at + ": expected 0x" + Integer.toHexString(expected[at] & 255)
                    + " ('" + show(expected, at) + "') but was 0x" + Integer.toHexString(actual[at] & 255)
                    + " ('" + show(actual, at) + "')");
        }
        fail(what + ": lengths differ at index " + at + ": expected " + expected.length + " bytes but was "
                + actual.length);
    }

    /** The first index where the two differ, the shorter one's length when one is a prefix of the other, or -1. */
    public static int firstDifference(byte[] a, byte[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return a.length == b.length ? -1 : n;
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
