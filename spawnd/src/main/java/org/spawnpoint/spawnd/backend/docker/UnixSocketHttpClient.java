package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * docker-java's transport for an engine at a Unix socket, on the JDK's own Unix-domain channels: one connection per
 * request (the engine is local, a connection costs microseconds), HTTP/1.1 with {@code Connection: close}.
 *
 * <p>Why not docker-java's zero-dependency transport: it carries a shaded Apache HttpClient that, even for a Unix
 * socket, sets up TLS with the system trust store and loads the public-suffix list at start, about 750 classes
 * and 2 MiB of heap kept for the life of a daemon that never speaks TLS. That transport stays in use for
 * {@code tcp://} engines. Hijacked requests (attach with standard input) are not supported; spawnd makes none.
 *
 * <p>The engine must begin to answer within {@link #ANSWER_LIMIT}: every call spawnd makes answers within seconds
 * (a stop waits at most its grace period), and a streamed answer begins at once.
 */
final class UnixSocketHttpClient implements DockerHttpClient {
    static final Duration ANSWER_LIMIT = Duration.ofMinutes(2);

    private final UnixDomainSocketAddress engine;
    private final AnswerDeadline deadline;

    UnixSocketHttpClient(Path socket) {
        this(socket, ANSWER_LIMIT);
    }

    UnixSocketHttpClient(Path socket, Duration answerLimit) {
        this.engine = UnixDomainSocketAddress.of(socket);
        this.deadline = new AnswerDeadline(answerLimit);
    }

    @Override
    public Response execute(Request request) {
        if (request.hijackedInput() != null) {
            throw new UnsupportedOperationException("attaching standard input (" + request.method() + " "
                    + request.path() + ") is not supported over spawnd's Unix-socket transport");
        }
        SocketChannel channel;
        try {
            channel = SocketChannel.open(engine);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to the Docker engine at " + engine.getPath() + ": "
                    + e.getMessage(), e);
        }
        AnswerDeadline.Armed clock = deadline.arm(channel);
        try {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 8 * 1024);
            writeRequest(request, out);
            InputStream in = Channels.newInputStream(channel);
            Response response = readResponse(request.method(), in, () -> closeQuietly(channel));
            if (clock.disarm()) {
                throw new IOException("closed at the deadline"); // the clock closed the channel just as it answered
            }
            return response;
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (clock.disarm()) {
                throw new UncheckedIOException("the Docker engine at " + engine.getPath() + " did not answer "
                        + request.method() + " " + request.path() + " within " + deadline.describeLimit()
                        + "; the request was abandoned", e instanceof IOException io ? io : new IOException(e));
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("Docker engine request " + request.method() + " " + request.path()
                    + " failed: " + e.getMessage(), (IOException) e);
        }
    }

    static void writeRequest(Request request, OutputStream out) throws IOException {
        StringBuilder head = new StringBuilder(256);
        head.append(request.method()).append(' ').append(request.path()).append(" HTTP/1.1\r\n")
                .append("Host: docker\r\nConnection: close\r\n");
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            String name = h.getKey();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("Connection")
                    || name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("Transfer-Encoding")) {
                continue;
            }
            head.append(name).append(": ").append(h.getValue()).append("\r\n");
        }
        byte[] bytes = request.bodyBytes();
        InputStream body = bytes == null ? request.body() : null;
        if (bytes != null) {
            head.append("Content-Length: ").append(bytes.length).append("\r\n");
        } else if (body != null) {
            head.append("Transfer-Encoding: chunked\r\n");
        } else if (!request.method().equals("GET") && !request.method().equals("HEAD")) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (bytes != null) {
            out.write(bytes);
        } else if (body != null) {
            try (body; OutputStream chunks = chunkedOutput(out)) {
                body.transferTo(chunks);
            }
        }
        out.flush();
    }

    /** Reads the status line and headers; the body is read as the caller reads it. {@code close} ends it all. */
    static Response readResponse(String method, InputStream in, Runnable close) throws IOException {
        ResponseBodyStream body = ResponseBodyStream.open(method, in, close);
        return new SocketResponse(body.status(), body.headers(), body, close);
    }

    /** Writes what it is given as chunks; {@link OutputStream#close()} writes the last chunk, leaving out open. */
    static OutputStream chunkedOutput(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return;
                }
                out.write((Integer.toHexString(len) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(b, off, len);
                out.write('\r');
                out.write('\n');
            }

            @Override
            public void close() throws IOException {
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        };
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already broken
        }
    }

    @Override
    public void close() {
        // Nothing pooled: each response closes its own connection.
    }

    private record SocketResponse(int status, Map<String, List<String>> headers, InputStream body, Runnable closer)
            implements Response {
        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return body;
        }

        @Override
        public void close() {
            closer.run();
        }
    }
}
