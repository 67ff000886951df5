package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogStreamDecoderTest {
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final LogStreamDecoder decoder = new LogStreamDecoder(
            (err, data, off, len) -> (err ? stderr : stdout).write(data, off, len));

    private static byte[] frame(int stream, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[8 + payload.length];
        f[0] = (byte) stream;
        f[4] = (byte) (payload.length >>> 24);
        f[5] = (byte) (payload.length >>> 16);
        f[6] = (byte) (payload.length >>> 8);
        f[7] = (byte) payload.length;
        System.arraycopy(payload, 0, f, 8, payload.length);
        return f;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] chunk(byte[] data) {
        return concat(ascii(Integer.toHexString(data.length) + "\r\n"), data, ascii("\r\n"));
    }

    /** Feeds {@code all} in pieces of random sizes; returns whether the response was complete. */
    private boolean feedInPieces(byte[] all, long seed) throws Exception {
        Random random = new Random(seed);
        boolean done = false;
        for (int i = 0; i < all.length; ) {
            int n = Math.min(all.length - i, 1 + random.nextInt(13));
            done = decoder.feed(Arrays.copyOfRange(all, i, i + n), 0, n);
            i += n;
        }
        return done;
    }

    @Test
    void chunkedMultiplexedStreamInArbitraryPiecesKeepsStdoutAndStderrApart() throws Exception {
        byte[] frames = concat(frame(1, "out one\n"), frame(2, "err one\n"), frame(1, "out two caf\u00e9\n"),
                frame(2, ""), frame(1, "no newline"));
        // Chunk boundaries fall inside frame headers and payloads.
        byte[] body = concat(chunk(Arrays.copyOfRange(frames, 0, 5)), chunk(Arrays.copyOfRange(frames, 5, 20)),
                chunk(Arrays.copyOfRange(frames, 20, frames.length)), ascii("0\r\n\r\n"));
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.multiplexed-stream\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n"), body);
        for (long seed = 0; seed < 20; seed++) {
            stdout.reset();
            stderr.reset();
            LogStreamDecoderTest fresh = new LogStreamDecoderTest();
            assertTrue(fresh.feedInPieces(response, seed), "the last chunk ends the response");
            assertEquals("out one\nout two caf\u00e9\nno newline", fresh.stdout.toString(StandardCharsets.UTF_8));
            assertEquals("err one\n", fresh.stderr.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void chunkExtensionsAreIgnored() throws Exception {
        byte[] f = frame(1, "x\n");
        byte[] response = concat(ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(f.length) + ";name=value\r\n"), f, ascii("\r\n0\r\n\r\n"));
        assertTrue(decoder.feed(response, 0, response.length));
        assertEquals("x\n", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void bodyWithoutChunkingEndsWithTheConnection() throws Exception {
        byte[] response = concat(ascii("HTTP/1.0 200 OK\r\n\r\n"), frame(2, "only err\n"));
        assertFalse(feedInPieces(response, 7));
        decoder.endOfInput();
        assertEquals("only err\n", stderr.toString(StandardCharsets.UTF_8));
        assertEquals(0, stdout.size());
    }

    @Test
    void rawStreamOfATtyContainerIsAllStdout() throws Exception {
        byte[] response = ascii("HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n"
                + "Content-Length: 11\r\n\r\nhello\nworld");
        assertTrue(feedInPieces(response, 3));
        assertEquals("hello\nworld", stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void refusalCarriesTheEnginesMessage() {
        String json = "{\"message\":\"No such container: abc\"}";
        byte[] response = ascii("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: "
                + json.length() + "\r\n\r\n" + json);
        var e = assertThrows(LogStreamDecoder.StreamRefusedException.class,
                () -> decoder.feed(response, 0, response.length));
        assertEquals("the engine answered 404: " + json, e.getMessage());
        assertEquals(0, stdout.size());
    }

    @Test
    void chunkedRefusalIsDecodedToo() {
        byte[] response = concat(ascii("HTTP/1.1 500 Internal Server Error\r\nTransfer-Encoding: chunked\r\n\r\n"),
                chunk(ascii("boom")), ascii("0\r\n\r\n"));
        var e = assertThrows(LogStreamDecoder.StreamRefusedException.class, () -> feedInPieces(response, 1));
        assertEquals("the engine answered 500: boom", e.getMessage());
    }

    @Test
    void closedBeforeAnsweringOrNotHttpIsReported() throws Exception {
        byte[] partial = ascii("HTTP/1.1 200 OK\r\nContent-Ty");
        assertFalse(decoder.feed(partial, 0, partial.length));
        var closed = assertThrows(LogStreamDecoder.StreamRefusedException.class, decoder::endOfInput);
        assertEquals("the engine closed the log stream before answering", closed.getMessage());

        LogStreamDecoder other = new LogStreamDecoder((err, d, o, l) -> { });
        byte[] junk = ascii("SSH-2.0-OpenSSH\r\n\r\n");
        var notHttp = assertThrows(IOException.class,
                () -> other.feed(junk, 0, junk.length));
        assertTrue(notHttp.getMessage().contains("not HTTP"), notHttp.getMessage());
    }

    @Test
    void malformedChunkSizeIsReported() {
        byte[] response = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
        var e = assertThrows(IOException.class, () -> decoder.feed(response, 0, response.length));
        assertEquals("malformed chunk size from the engine: 'zz'", e.getMessage());
    }
}
