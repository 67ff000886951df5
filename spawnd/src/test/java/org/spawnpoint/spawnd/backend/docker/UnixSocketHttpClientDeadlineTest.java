package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A hung engine fails a request at the deadline; a streamed answer that has begun is never cut. Local sockets only. */
class UnixSocketHttpClientDeadlineTest {
    private static final Duration LIMIT = Duration.ofMillis(300);

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    /** A fake engine: accepts one connection, waits {@code headDelayMs}, sends the head, then the body after {@code bodyDelayMs}. */
    private Path engine(long headDelayMs, long bodyDelayMs) throws Exception {
        Path socket = dir.resolve("engine.sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        open.add(server);
        Thread t = new Thread(() -> {
            try (SocketChannel c = server.accept()) {
                c.read(ByteBuffer.allocate(4096));
                Thread.sleep(headDelayMs);
                c.write(ByteBuffer.wrap("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                Thread.sleep(bodyDelayMs);
                c.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.ISO_8859_1)));
                Thread.sleep(200);
            } catch (Exception ignored) {
                // the client went away
            }
        }, "fake-engine");
        t.setDaemon(true);
        t.start();
        return socket;
    }

    private static DockerHttpClient.Request get(String path) {
        return DockerHttpClient.Request.builder().method(DockerHttpClient.Request.Method.GET).path(path).build();
    }

    @Test
    void anEngineThatNeverAnswersFailsTheRequestAtTheDeadline() throws Exception {
        UnixSocketHttpClient client = new UnixSocketHttpClient(engine(60_000, 0), LIMIT);
        long start = System.nanoTime();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> client.execute(get("/containers/x/json")));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(e.getMessage().contains("did not answer GET /containers/x/json within 300 ms"), e.getMessage());
        assertTrue(tookMs >= 250 && tookMs < 10_000, "failed after " + tookMs + " ms");
    }

    @Test
    void anAnswerThatBeginsInTimeIsReadWhateverItsBodyTakes() throws Exception {
        UnixSocketHttpClient client = new UnixSocketHttpClient(engine(50, 800), LIMIT);
        try (DockerHttpClient.Response r = client.execute(get("/events"))) {
            assertEquals(200, r.getStatusCode());
            assertEquals("hello", new String(r.getBody().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }
}
