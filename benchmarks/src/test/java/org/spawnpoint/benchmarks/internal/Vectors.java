package org.spawnpoint.benchmarks.internal;


/** The captured BOSSWAVE frames of the spec (the one copy, in the test-vectors module). */
final class Vectors {
    private Vectors() {
    }

    static byte[] read(String name) {
        return org.spawnpoint.testvectors.Vectors.bytes(name);
    }

    static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
