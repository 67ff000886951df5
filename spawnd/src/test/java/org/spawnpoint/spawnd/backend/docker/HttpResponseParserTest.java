package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The one response parser, fed in pieces of every size as a selector or a socket read delivers them. */
class HttpResponseParserTest {
    private int status;
    private Map<String, List<String>> headers;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int heads;

    private HttpResponseParser parser(String method) {
        return new HttpResponseParser(method, new HttpResponseParser.Listener() {
            @Override
            public void head(int s, Map<String, List<String>> h) {
                status = s;
                headers = h;
                heads++;
            }

            @Override
            public void body(byte[] data, int offset, int length) {
                body.write(data, offset, length);
            }
        });
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Feeds {@code response} in random pieces; returns how many bytes the parser used. */
    private static int feedInPieces(HttpResponseParser p, byte[] response, long seed) throws IOException {
        Random random = new Random(seed);
        int used = 0;
        for (int i = 0; i < response.length && !p.done(); ) {
            int n = Math.min(response.length - i, 1 + random.nextInt(7));
            used += p.feed(response, i, n);
            i += n;
        }
        return used;
    }

    @Test
    void chunkedWithExtensionsAndTrailersInAnyPiecesEndsExactlyAtItsEnd() throws Exception {
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nApi-Version: 1.45\r\n\r\n"
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: x\r\n\r\n";
        for (long seed = 0; seed < 30; seed++) {
            body.reset();
            heads = 0;
            HttpResponseParser p = parser("GET");
            byte[] bytes = ascii(response + "NEXT RESPONSE");
            assertEquals(response.length(), feedInPieces(p, bytes, seed), "nothing after the response is taken");
            assertTrue(p.done());
            assertEquals(1, heads);
            assertEquals(200, status);
            assertEquals(List.of("1.45"), headers.get("api-version"), "header names are case-insensitive");
            assertEquals("hello, world", body.toString(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void bareLineFeedsAreAcceptedAsTheEngineMaySendThem() throws Exception {
        HttpResponseParser p = parser("GET");
        byte[] r = ascii("HTTP/1.1 200 OK\nContent-Length: 3\n\nabc");
        assertEquals(r.length, p.feed(r, 0, r.length));
        assertTrue(p.done());
        assertEquals("abc", body.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void noBodyAfterHeadOr204AndAnUntilCloseBodyEndsWithTheConnection() throws Exception {
        HttpResponseParser head = parser("HEAD");
        byte[] r = ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n");
        head.feed(r, 0, r.length);
        assertTrue(head.done(), "HEAD has no body whatever Content-Length says");

        HttpResponseParser none = parser("POST");
        byte[] n = ascii("HTTP/1.1 204 No Content\r\n\r\n");
        none.feed(n, 0, n.length);
        assertTrue(none.done());

        HttpResponseParser rest = parser("GET");
        byte[] u = ascii("HTTP/1.0 200 OK\r\n\r\nall of it");
        feedInPieces(rest, u, 3);
        assertFalse(rest.done());
        rest.endOfInput();
        assertTrue(rest.done());
        assertEquals("all of it", body.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void anUnfinishedResponseAtTheConnectionsEndIsAnErrorSayingWhere() throws Exception {
        HttpResponseParser silent = parser("GET");
        assertTrue(assertThrows(EOFException.class, silent::endOfInput).getMessage().contains("without answering"));

        HttpResponseParser fixed = parser("GET");
        byte[] f = ascii("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        fixed.feed(f, 0, f.length);
        assertTrue(assertThrows(EOFException.class, fixed::endOfInput).getMessage()
                .contains("7 bytes before the body's end"));

        HttpResponseParser chunked = parser("GET");
        byte[] c = ascii("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab");
        chunked.feed(c, 0, c.length);
        assertTrue(assertThrows(EOFException.class, chunked::endOfInput).getMessage().contains("chunked body"));
    }

    @Test
    void malformedOrOversizedHeadsAreRefusedBeforeTheyGrow() {
        byte[] notHttp = ascii("SSH-2.0-OpenSSH_9\r\n");
        assertTrue(assertThrows(IOException.class, () -> parser("GET").feed(notHttp, 0, notHttp.length))
                .getMessage().contains("not HTTP"));

        byte[] badLength = ascii("HTTP/1.1 200 OK\r\nContent-Length: -4\r\n\r\n");
        assertTrue(assertThrows(IOException.class, () -> parser("GET").feed(badLength, 0, badLength.length))
                .getMessage().contains("malformed Content-Length"));

        byte[] longLine = ascii("HTTP/1.1 200 OK\r\nX: " + "y".repeat(HttpResponseParser.MAX_LINE) + "\r\n");
        assertTrue(assertThrows(IOException.class, () -> parser("GET").feed(longLine, 0, longLine.length))
                .getMessage().contains("longer than " + HttpResponseParser.MAX_LINE));

        StringBuilder many = new StringBuilder("HTTP/1.1 200 OK\r\n");
        while (many.length() <= HttpResponseParser.MAX_HEAD) {
            many.append("X-Header: ").append("z".repeat(100)).append("\r\n");
        }
        byte[] big = ascii(many.toString());
        assertTrue(assertThrows(IOException.class, () -> parser("GET").feed(big, 0, big.length))
                .getMessage().contains("exceed " + HttpResponseParser.MAX_HEAD));
    }
}
