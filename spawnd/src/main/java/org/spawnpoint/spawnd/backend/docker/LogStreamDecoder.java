package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decodes the engine's answer to {@code GET /containers/{id}/logs}, fed in pieces as they arrive: the HTTP response
 * ({@link HttpResponseParser}), then Docker's stream multiplexing, where each frame is an 8-byte header (stream
 * type: 1 stdout, 2 stderr; three zero bytes; the big-endian payload length) and its payload. A container with a TTY
 * has a raw stream instead: all of it is stdout. A refusal (not 200) keeps the first 4 KiB of the engine's message.
 */
final class LogStreamDecoder implements HttpResponseParser.Listener {
    /** Where the payload goes: {@code stderr} tells the stream apart. */
    interface Sink {
        void accept(boolean stderr, byte[] data, int offset, int length);
    }

    /** The engine answered with something other than a log stream (a missing container, a bad request). */
    static final class StreamRefusedException extends IOException {
        StreamRefusedException(String message) {
            super(message);
        }
    }

    private static final int MAX_ERROR_BYTES = 4 * 1024;

    private final Sink sink;
    private final HttpResponseParser parser = new HttpResponseParser("GET", this);
    private final ByteArrayOutputStream refusal = new ByteArrayOutputStream();
    private int status;
    private boolean multiplexed = true;
    // Multiplexing state: the frame header being read, then how much of its payload is still to come.
    private final byte[] frameHeader = new byte[8];
    private int frameHeaderFill;
    private long frameLeft;
    private boolean frameStderr;

    LogStreamDecoder(Sink sink) {
        this.sink = sink;
    }

    /**
     * Takes the next bytes of the response.
     *
     * @return whether the response is complete (the last chunk arrived); a body without chunking ends only with
     *     the connection
     * @throws StreamRefusedException if the status is not 200 (with the engine's message)
     * @throws IOException if the response is not HTTP as expected
     */
    boolean feed(byte[] data, int offset, int length) throws IOException {
        parser.feed(data, offset, length);
        if (parser.headDone() && status != 200 && (parser.done() || refusal.size() >= MAX_ERROR_BYTES)) {
            throw refused();
        }
        return parser.done();
    }

    /** The connection ended: a refusal is reported with what the engine said. */
    void endOfInput() throws IOException {
        if (!parser.headDone()) {
            throw new StreamRefusedException("the engine closed the log stream before answering");
        }
        if (status != 200) {
            throw refused();
        }
        parser.endOfInput();
    }

    private StreamRefusedException refused() {
        String body = refusal.toString(StandardCharsets.UTF_8).trim();
        return new StreamRefusedException("the engine answered " + status + (body.isEmpty() ? "" : ": " + body));
    }

    @Override
    public void head(int status, Map<String, List<String>> headers) {
        this.status = status;
        List<String> type = headers.get("Content-Type");
        multiplexed = type == null || !type.get(0).toLowerCase(Locale.ROOT).contains("raw-stream");
    }

    @Override
    public void body(byte[] data, int i, int length) {
        if (status != 200) {
            refusal.write(data, i, Math.max(0, Math.min(length, MAX_ERROR_BYTES - refusal.size())));
            return;
        }
        if (!multiplexed) {
            if (length > 0) {
                sink.accept(false, data, i, length);
            }
            return;
        }
        int end = i + length;
        while (i < end) {
            if (frameLeft == 0) {
                int n = Math.min(8 - frameHeaderFill, end - i);
                System.arraycopy(data, i, frameHeader, frameHeaderFill, n);
                frameHeaderFill += n;
                i += n;
                if (frameHeaderFill == 8) {
                    frameHeaderFill = 0;
                    frameStderr = frameHeader[0] == 2;
                    frameLeft = ((frameHeader[4] & 0xFFL) << 24) | ((frameHeader[5] & 0xFF) << 16)
                            | ((frameHeader[6] & 0xFF) << 8) | (frameHeader[7] & 0xFF);
                }
            } else {
                int n = (int) Math.min(frameLeft, end - i);
                sink.accept(frameStderr, data, i, n);
                frameLeft -= n;
                i += n;
            }
        }
    }
}
