package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 framing of {@link UnixSocketHttpClient} on in-memory streams (the ITs use it on the real engine). */
class UnixSocketHttpClientTest {
    private final AtomicInteger closed = new AtomicInteger();

    private static String written(DockerHttpClient.Request request) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        UnixSocketHttpClient.writeRequest(request, out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** Delivers at most {@code max} bytes per read, as a socket may. */
    private static InputStream trickle(String s, int max) {
        return new FilterInputStream(new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, max));
            }
        };
    }

    private DockerHttpClient.Response response(String raw, String method) throws IOException {
        return UnixSocketHttpClient.readResponse(method, trickle(raw, 3), closed::incrementAndGet);
    }

    @Test
    void requestWithBytesHasALengthAndTheCallersHeaders() throws Exception {
        String req = written(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.POST)
                .path("/containers/create?name=spawnpoint_x").putHeader("Content-Type", "application/json")
                .putHeader("Host", "ignored").bodyBytes("{\"Image\":\"a\"}".getBytes(StandardCharsets.UTF_8))
                .build());
        assertEquals("POST /containers/create?name=spawnpoint_x HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"Image\":\"a\"}", req);
    }

    @Test
    void requestWithAStreamIsChunkedAndGetWithoutBodyHasNoLength() throws Exception {
        byte[] tar = new byte[20_000];
        new Random(1).nextBytes(tar);
        String req = written(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.PUT)
                .path("/containers/abc/archive?path=%2F").body(new ByteArrayInputStream(tar)).build());
        int headEnd = req.indexOf("\r\n\r\n") + 4;
        assertTrue(req.substring(0, headEnd).contains("Transfer-Encoding: chunked\r\n"), req.substring(0, headEnd));
        // What the engine reads: the same chunked coding as a response's, parsed by the same parser.
        InputStream body = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + req.substring(headEnd),
                "GET").getBody();
        assertArrayEquals(tar, body.readAllBytes());

        String get = written(DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET)
                .path("/_ping").build());
        assertEquals("GET /_ping HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n\r\n", get);
    }

    @Test
    void chunkedResponseIsReadAsItArrivesAndClosesTheConnectionAtItsEnd() throws Exception {
        var r = response("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Api-Version: 1.45\r\n\r\n5;ext=1\r\n{\"a\":\r\n3\r\n1}\n\r\n0\r\nTrailer: x\r\n\r\n", "GET");
        assertEquals(200, r.getStatusCode());
        assertEquals("1.45", r.getHeader("api-version"), "header names are case-insensitive");
        assertEquals(List.of("application/json"), r.getHeaders().get("Content-Type"));
        assertEquals(0, closed.get());
        assertEquals("{\"a\":1}\n", new String(r.getBody().readAllBytes(), StandardCharsets.UTF_8));
        assertEquals(1, closed.get(), "the connection is closed once the body has been read");
        r.close();
        assertTrue(closed.get() >= 1);
    }

    @Test
    void lengthDelimitedAndEmptyAndUntilCloseBodies() throws Exception {
        var fixed = response("HTTP/1.1 404 Not Found\r\nContent-Length: 30\r\n\r\n{\"message\":\"No such container\"}"
                + "garbage after the body", "GET");
        assertEquals(404, fixed.getStatusCode());
        assertEquals("{\"message\":\"No such container\"", new String(fixed.getBody().readAllBytes(),
                StandardCharsets.UTF_8));

        var empty = response("HTTP/1.1 204 No Content\r\n\r\n", "POST");
        assertEquals(-1, empty.getBody().read());

        var rest = response("HTTP/1.0 200 OK\r\n\r\nall of it\nuntil close", "GET");
        assertEquals("all of it\nuntil close", new String(rest.getBody().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void truncatedOrMalformedAnswersAreErrorsNotData() throws Exception {
        var shortBody = response("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", "GET");
        IOException cut = assertThrows(IOException.class, () -> shortBody.getBody().readAllBytes());
        assertTrue(cut.getMessage().contains("7 bytes before the body's end"), cut.getMessage());

        var badChunk = response("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n", "GET");
        IOException chunk = assertThrows(IOException.class, () -> badChunk.getBody().readAllBytes());
        assertEquals("malformed chunk size from the engine: 'xyz'", chunk.getMessage());

        IOException notHttp = assertThrows(IOException.class, () -> response("SSH-2.0-OpenSSH_9\r\n\r\n", "GET"));
        assertTrue(notHttp.getMessage().contains("not HTTP"), notHttp.getMessage());
        IOException nothing = assertThrows(IOException.class, () -> response("", "GET"));
        assertTrue(nothing.getMessage().contains("without answering"), nothing.getMessage());
        assertFalse(nothing.getMessage().isEmpty());
    }

    @Test
    void attachingStandardInputIsRefusedClearly() {
        var client = new UnixSocketHttpClient(java.nio.file.Path.of("/nonexistent/docker.sock"));
        var e = assertThrows(UnsupportedOperationException.class, () -> client.execute(DockerHttpClient.Request
                .builder().method(DockerHttpClient.Request.Method.POST).path("/containers/x/attach?stdin=1")
                .hijackedInput(new ByteArrayInputStream(new byte[0])).build()));
        assertTrue(e.getMessage().contains("/containers/x/attach"), e.getMessage());
        var missing = assertThrows(java.io.UncheckedIOException.class, () -> client.execute(DockerHttpClient.Request
                .builder().method(DockerHttpClient.Request.Method.GET).path("/_ping").build()));
        assertTrue(missing.getMessage().contains("/nonexistent/docker.sock"), missing.getMessage());
    }
}
