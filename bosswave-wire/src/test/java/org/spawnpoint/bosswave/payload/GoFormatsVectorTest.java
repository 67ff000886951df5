package org.spawnpoint.bosswave.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.testvectors.Vectors;

/** The Go durations bw2bind wrote in the captures ({@code expirydelta}), read and written back to the same text. */
class GoFormatsVectorTest {

    private static String expiryDelta(String capture, String command) throws IOException {
        FrameReader r = new FrameReader(new ByteArrayInputStream(Vectors.bytes(capture)));
        for (Frame f = r.read(); f != null; f = r.read()) {
            if (f.command().equals(command)) {
                return f.kv("expirydelta");
            }
        }
        throw new AssertionError("no " + command + " frame in " + capture);
    }

    @Test
    void expiryDeltasAsBw2bindWroteThem() throws IOException {
        String entity = expiryDelta("mkentity-expiry.bin", "make");
        assertEquals("720h0m0s", entity);
        assertEquals(Duration.ofDays(30), GoFormats.parseDuration(entity));
        assertEquals(entity, GoFormats.duration(Duration.ofDays(30)));

        String publish = expiryDelta("publish-string-options.bin", "publ");
        assertEquals("1h0m0s", publish);
        assertEquals(publish, GoFormats.duration(GoFormats.parseDuration(publish)));
    }
}
