package org.spawnpoint.benchmarks.internal;

import java.io.OutputStream;

/** Discards what is written (for readers that never answer). */
final class OutputStreamNull extends OutputStream {
    static final OutputStreamNull INSTANCE = new OutputStreamNull();

    @Override
    public void write(int b) {
    }
}
