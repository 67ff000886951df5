package org.spawnpoint.spawnd.backend.docker;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * A response read with a blocking stream, for docker-java: the head is parsed at once, the body as the caller reads
 * it. Reads return what has arrived (never waiting to fill a buffer), so that streamed answers (events, build
 * output) are delivered as the engine sends them. {@code onEnd} runs once, at the body's end or on close.
 */
final class ResponseBodyStream extends InputStream implements HttpResponseParser.Listener {
    private static final int READ_SIZE = 8 * 1024;

    private final InputStream in;
    private final Runnable onEnd;
    private final HttpResponseParser parser;
    private final byte[] raw = new byte[READ_SIZE];
    /** Body bytes parsed but not yet read: at most one raw read's worth. */
    private byte[] pending = new byte[READ_SIZE];
    private int pendingStart;
    private int pendingEnd;
    private int status;
    private Map<String, List<String>> headers;
    private boolean ended;

    private ResponseBodyStream(String method, InputStream in, Runnable onEnd) {
        this.in = in;
        this.onEnd = onEnd;
        this.parser = new HttpResponseParser(method, this);
    }

    /** Reads up to the end of the head; the body is left to read. */
    static ResponseBodyStream open(String method, InputStream in, Runnable onEnd) throws IOException {
        ResponseBodyStream r = new ResponseBodyStream(method, in, onEnd);
        while (!r.parser.headDone()) {
            if (!r.fill()) {
                r.parser.endOfInput(); // throws: the head is incomplete
            }
        }
        return r;
    }

    int status() {
        return status;
    }

    Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public void head(int status, Map<String, List<String>> headers) {
        this.status = status;
        this.headers = headers;
    }

    @Override
    public void body(byte[] data, int offset, int length) {
        if (pendingEnd + length > pending.length) {
            byte[] bigger = new byte[Math.max(pending.length, pendingEnd - pendingStart + length)];
            System.arraycopy(pending, pendingStart, bigger, 0, pendingEnd - pendingStart);
            pendingEnd -= pendingStart;
            pendingStart = 0;
            pending = bigger;
        }
        System.arraycopy(data, offset, pending, pendingEnd, length);
        pendingEnd += length;
    }

    /** One read from the connection, fed to the parser; false at the connection's end. */
    private boolean fill() throws IOException {
        int n = in.read(raw, 0, raw.length);
        if (n < 0) {
            return false;
        }
        parser.feed(raw, 0, n);
        return true;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        while (pendingStart == pendingEnd) {
            pendingStart = 0;
            pendingEnd = 0;
            if (parser.done()) {
                end();
                return -1;
            }
            if (!fill()) {
                parser.endOfInput(); // throws unless the body ends with the connection
                end();
                return -1;
            }
        }
        int n = Math.min(len, pendingEnd - pendingStart);
        System.arraycopy(pending, pendingStart, b, off, n);
        pendingStart += n;
        return n;
    }

    @Override
    public void close() {
        end();
    }

    private void end() {
        if (!ended) {
            ended = true;
            onEnd.run();
        }
    }
}
