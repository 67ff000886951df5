package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes the engine's answer to {@code GET /containers/{id}/logs}, fed in pieces as they arrive: the HTTP status
 * line and headers, the chunked transfer coding (or a body that ends with the connection), and Docker's stream
 * multiplexing, where each frame is an 8-byte header (stream type: 1 stdout, 2 stderr; three zero bytes; the
 * big-endian payload length) and its payload. A container with a TTY has a raw stream instead: all of it is stdout.
 */
final class LogStreamDecoder {
    /** Where the payload goes: {@code stderr} tells the stream apart. */
    interface Sink {
        void accept(boolean stderr, byte[] data, int offset, int length);
    }

    /** The engine answered with something other than a log stream (a missing container, a bad request). */
    static final class StreamRefusedException extends Exception {
        StreamRefusedException(String message) {
            super(message);
        }
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_ERROR_BYTES = 4 * 1024;

    private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, BODY, DONE }

    private final Sink sink;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private Part part = Part.HEAD;
    private int status;
    private boolean chunked;
    private boolean multiplexed = true;
    private long chunkLeft;
    /** What is left of a body with a Content-Length, or -1 when the body ends with the connection. */
    private long bodyLeft = -1;
    private final ByteArrayOutputStream refusal = new ByteArrayOutputStream();
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
     * @throws StreamRefusedException if the status is not 200 (with the engine's message), or the response is
     *     not HTTP as expected
     */
    boolean feed(byte[] data, int offset, int length) throws StreamRefusedException {
        int i = offset;
        int end = offset + length;
        while (i < end && part != Part.DONE) {
            switch (part) {
                case HEAD -> i = head(data, i, end);
                case CHUNK_SIZE -> i = chunkSize(data, i, end);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(chunkLeft, end - i);
                    payload(data, i, n);
                    i += n;
                    chunkLeft -= n;
                    if (chunkLeft == 0) {
                        part = Part.CHUNK_END;
                    }
                }
                case CHUNK_END -> i = chunkEnd(data, i, end);
                case BODY -> {
                    int n = bodyLeft < 0 ? end - i : (int) Math.min(bodyLeft, end - i);
                    payload(data, i, n);
                    i += n;
                    if (bodyLeft >= 0) {
                        bodyLeft -= n;
                        if (bodyLeft == 0) {
                            part = Part.DONE;
                        }
                    }
                }
                default -> throw new IllegalStateException(part.name());
            }
        }
        if (status != 200 && part != Part.HEAD && (part == Part.DONE || refusal.size() >= MAX_ERROR_BYTES)) {
            throw refused();
        }
        return part == Part.DONE;
    }

    /** The connection ended: a refusal is reported with what the engine said. */
    void endOfInput() throws StreamRefusedException {
        if (part == Part.HEAD || status != 200) {
            throw refused();
        }
    }

    private StreamRefusedException refused() {
        if (part == Part.HEAD) {
            return new StreamRefusedException("the engine closed the log stream before answering");
        }
        String body = refusal.toString(StandardCharsets.UTF_8).trim();
        return new StreamRefusedException("the engine answered " + status + (body.isEmpty() ? "" : ": " + body));
    }

    private int head(byte[] data, int i, int end) throws StreamRefusedException {
        while (i < end) {
            byte b = data[i++];
            line.write(b);
            if (line.size() > MAX_HEADER_BYTES) {
                throw new StreamRefusedException("the engine's response headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            int n = line.size();
            if (b == '\n' && n >= 4) {
                byte[] h = line.toByteArray();
                if (h[n - 2] == '\r' && h[n - 3] == '\n' && h[n - 4] == '\r') {
                    parseHead(new String(h, 0, n - 4, StandardCharsets.ISO_8859_1));
                    line.reset();
                    return i;
                }
            }
        }
        return i;
    }

    private void parseHead(String head) throws StreamRefusedException {
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new StreamRefusedException("the engine's answer is not HTTP: " + lines[0]);
        }
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (NumberFormatException e) {
            throw new StreamRefusedException("the engine's answer has no status code: " + lines[0]);
        }
        for (int k = 1; k < lines.length; k++) {
            int colon = lines[k].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[k].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[k].substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            if (name.equals("transfer-encoding") && value.contains("chunked")) {
                chunked = true;
            } else if (name.equals("content-length")) {
                try {
                    bodyLeft = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new StreamRefusedException("malformed Content-Length in the log stream: '" + value + "'");
                }
            } else if (name.equals("content-type") && value.contains("raw-stream")) {
                multiplexed = false;
            }
        }
        if (chunked) {
            bodyLeft = -1;
        }
        part = chunked ? Part.CHUNK_SIZE : bodyLeft == 0 ? Part.DONE : Part.BODY;
    }

    private int chunkSize(byte[] data, int i, int end) throws StreamRefusedException {
        while (i < end) {
            byte b = data[i++];
            if (b != '\n') {
                line.write(b);
                if (line.size() > 1024) {
                    throw new StreamRefusedException("malformed chunk size line in the log stream");
                }
                continue;
            }
            String size = line.toString(StandardCharsets.ISO_8859_1).trim();
            line.reset();
            int semicolon = size.indexOf(';');
            if (semicolon >= 0) {
                size = size.substring(0, semicolon).trim();
            }
            try {
                chunkLeft = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                throw new StreamRefusedException("malformed chunk size in the log stream: '" + size + "'");
            }
            if (chunkLeft < 0) {
                throw new StreamRefusedException("malformed chunk size in the log stream: '" + size + "'");
            }
            part = chunkLeft == 0 ? Part.DONE : Part.CHUNK_DATA;
            return i;
        }
        return i;
    }

    /** Skips the line break after a chunk's data. */
    private int chunkEnd(byte[] data, int i, int end) {
        while (i < end) {
            if (data[i++] == '\n') {
                part = Part.CHUNK_SIZE;
                return i;
            }
        }
        return i;
    }

    private void payload(byte[] data, int i, int length) {
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
