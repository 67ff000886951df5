package org.spawnpoint.spawnclient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;

/** The frames captured from the Go spawnctl (copies of ../shared/spec/vectors in src/test/resources/vectors). */
public final class Vectors {
    private Vectors() {
    }

    public static byte[] bytes(String name) {
        try (InputStream in = Vectors.class.getResourceAsStream("/vectors/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test vector " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Frame> frames(String name) {
        FrameReader r = new FrameReader(new ByteArrayInputStream(bytes(name)));
        List<Frame> out = new ArrayList<>();
        try {
            for (Frame f = r.read(); f != null; f = r.read()) {
                out.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
