package org.spawnpoint.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testvectors.Vectors;

/** A captured transcript (test-vectors) decoded into its frames, for fakes that answer as the captured agent did. */
public final class Transcripts {
    private Transcripts() {
    }

    /** Every frame of capture {@code name}, in order. */
    public static List<Frame> frames(String name) {
        FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(name)));
        List<Frame> out = new ArrayList<>();
        try {
            for (Frame f = r.read(); f != null; f = r.read()) {
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(name + " does not decode", e);
        }
        return out;
    }
}
