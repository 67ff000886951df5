package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The captured BOSSWAVE frames of the spec (copied from /work/shared/spec/vectors into test resources). */
final class Vectors {
    private Vectors() {
    }

    static byte[] read(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource /vectors/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
