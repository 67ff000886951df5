package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The one HTTP/1.1 response parser of spawnd's engine connections, fed bytes as they arrive (push): the status line
 * and headers, then the body as chunked (RFC 9112 §7.1, extensions and trailers skipped), a Content-Length, or the
 * rest of the connection. {@link LogStreams} feeds it from a selector, {@link ResponseBodyStream} from a blocking
 * read for docker-java's calls.
 *
 * <p>Why hand-written: docker-java decodes attach and log streams only by pulling from a blocking stream, so
 * following a container costs a thread and a connection for as long as it runs; spawnd follows every service on one
 * selector thread, which needs a parser that takes bytes as they come. {@code LogFollowBenchmark} (test sources),
 * 50 followed containers: docker-java adds 50 threads and 1.3 to 1.8 MiB of heap, this parser 0 threads and 136 KiB;
 * reading 32 MiB of output costs the same CPU within the noise (about 1.1 s either way). Figures and the command in
 * spawnd/README.md, "Following container output".
 */
final class HttpResponseParser {
    /** Where the response goes, on the feeding thread. */
    interface Listener {
        /** The status line and headers have arrived (header names are case-insensitive). */
        void head(int status, Map<String, List<String>> headers) throws IOException;

        /** The next bytes of the body, de-chunked. */
        void body(byte[] data, int offset, int length) throws IOException;
    }

    static final int MAX_LINE = 8 * 1024;
    static final int MAX_HEAD = 64 * 1024;

    private enum Part { STATUS, HEADERS, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, BODY, DONE }

    private final boolean noBodyMethod;
    private final Listener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private Part part = Part.STATUS;
    private int status;
    private int headBytes;
    private long left;
    private boolean untilClose;

    /** {@code method} tells whether a body may follow (none after HEAD). */
    HttpResponseParser(String method, Listener listener) {
        this.noBodyMethod = method.equals("HEAD");
        this.listener = listener;
    }

    /** Whether the status line and headers have been parsed. */
    boolean headDone() {
        return part != Part.STATUS && part != Part.HEADERS;
    }

    /** Whether the response is complete (a body that ends with the connection completes only at its end). */
    boolean done() {
        return part == Part.DONE;
    }

    /**
     * Takes the next bytes of the response.
     *
     * @return how many were used: all of them, or fewer when the response ended before them
     * @throws IOException if the response is not HTTP as expected (the message names what was wrong)
     */
    int feed(byte[] data, int offset, int length) throws IOException {
        int i = offset;
        int end = offset + length;
        while (i < end && part != Part.DONE) {
            switch (part) {
                case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> i = line(data, i, end);
                case CHUNK_DATA, BODY -> {
                    int n = untilClose ? end - i : (int) Math.min(left, end - i);
                    listener.body(data, i, n);
                    i += n;
                    left -= n;
                    if (!untilClose && left == 0) {
                        part = part == Part.BODY ? Part.DONE : Part.CHUNK_END;
                    }
                }
                default -> throw new IllegalStateException(part.name());
            }
        }
        return i - offset;
    }

    /** The connection ended: completes a body that ends with it; anything else unfinished is an error. */
    void endOfInput() throws IOException {
        if (part == Part.DONE) {
            return;
        }
        if (untilClose && part == Part.BODY) {
            part = Part.DONE;
            return;
        }
        throw switch (part) {
            case STATUS -> new EOFException("the Docker engine closed the connection without answering");
            case HEADERS -> new EOFException("the Docker engine closed the connection inside the response headers");
            case BODY -> new EOFException("the engine closed the connection " + left + " bytes before the body's end");
            default -> new EOFException("the engine closed the connection inside a chunked body");
        };
    }

    /** Collects one LF- (or CRLF-) terminated line, then acts on it. */
    private int line(byte[] data, int i, int end) throws IOException {
        while (i < end) {
            byte b = data[i++];
            if (!headDone() && ++headBytes > MAX_HEAD) {
                throw new IOException("the engine's response headers exceed " + MAX_HEAD + " bytes");
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                line.reset();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                onLine(new String(bytes, 0, n, StandardCharsets.ISO_8859_1));
                return i;
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("HTTP line longer than " + MAX_LINE + " bytes from the engine");
            }
            line.write(b);
        }
        return i;
    }

    private void onLine(String text) throws IOException {
        switch (part) {
            case STATUS -> {
                status = parseStatus(text);
                part = Part.HEADERS;
            }
            case HEADERS -> {
                if (text.isEmpty()) {
                    startBody();
                } else {
                    int colon = text.indexOf(':');
                    if (colon > 0) {
                        headers.computeIfAbsent(text.substring(0, colon).trim(), k -> new ArrayList<>())
                                .add(text.substring(colon + 1).trim());
                    }
                }
            }
            case CHUNK_SIZE -> {
                int semicolon = text.indexOf(';');
                String size = (semicolon >= 0 ? text.substring(0, semicolon) : text).trim();
                try {
                    left = Long.parseLong(size, 16);
                } catch (NumberFormatException e) {
                    left = -1;
                }
                if (left < 0) {
                    throw new IOException("malformed chunk size from the engine: '" + text.trim() + "'");
                }
                part = left == 0 ? Part.TRAILERS : Part.CHUNK_DATA;
            }
            case CHUNK_END -> part = Part.CHUNK_SIZE; // the CRLF after a chunk's data
            case TRAILERS -> {
                if (text.isEmpty()) {
                    part = Part.DONE;
                }
            }
            default -> throw new IllegalStateException(part.name());
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        try {
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new NumberFormatException();
            }
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("the Docker engine's answer is not HTTP: '" + statusLine + "'");
        }
    }

    private void startBody() throws IOException {
        String encoding = first("Transfer-Encoding");
        String length = first("Content-Length");
        if (noBodyMethod || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            part = Part.DONE;
        } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            part = Part.CHUNK_SIZE;
        } else if (length != null) {
            try {
                left = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                left = -1;
            }
            if (left < 0) {
                throw new IOException("malformed Content-Length from the Docker engine: '" + length + "'");
            }
            part = left == 0 ? Part.DONE : Part.BODY;
        } else {
            untilClose = true;
            part = Part.BODY;
        }
        listener.head(status, Collections.unmodifiableMap(headers));
    }

    private String first(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
