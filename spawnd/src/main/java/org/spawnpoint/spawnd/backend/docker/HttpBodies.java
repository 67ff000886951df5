package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The HTTP/1.1 body framings {@link UnixSocketHttpClient} needs: chunked (both ways), a Content-Length, or the rest
 * of the connection. Reads return what has arrived (at most one chunk's worth), never waiting to fill a buffer, so
 * that streamed answers (events, build output) are delivered as the engine sends them.
 */
final class HttpBodies {
    private static final int MAX_LINE = 8 * 1024;

    private HttpBodies() {
    }

    /** One CRLF- (or LF-) terminated line in ISO-8859-1, without its terminator; null at end of input. */
    static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, n, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new IOException("HTTP line longer than " + MAX_LINE + " bytes from the engine");
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    /** A body of exactly {@code length} bytes; {@code onEnd} runs once when all of it has been read. */
    static InputStream fixedLength(InputStream in, long length, Runnable onEnd) {
        return new BodyStream(onEnd) {
            private long left = length;

            @Override
            int readSome(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    return -1;
                }
                int n = in.read(b, off, (int) Math.min(len, left));
                if (n < 0) {
                    throw new EOFException("the engine closed the connection " + left + " bytes before the body's end");
                }
                left -= n;
                return n;
            }
        };
    }

    /** A chunked body (RFC 9112 §7.1): extensions and trailers are skipped. */
    static InputStream chunked(InputStream in, Runnable onEnd) {
        return new BodyStream(onEnd) {
            private long chunkLeft;
            private boolean last;

            @Override
            int readSome(byte[] b, int off, int len) throws IOException {
                if (last) {
                    return -1;
                }
                if (chunkLeft == 0) {
                    String size = readLine(in);
                    if (size == null) {
                        throw new EOFException("the engine closed the connection inside a chunked body");
                    }
                    int semicolon = size.indexOf(';');
                    try {
                        chunkLeft = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
                    } catch (NumberFormatException e) {
                        throw new IOException("malformed chunk size from the engine: '" + size + "'");
                    }
                    if (chunkLeft < 0) {
                        throw new IOException("malformed chunk size from the engine: '" + size + "'");
                    }
                    if (chunkLeft == 0) {
                        last = true;
                        for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); ) {
                            trailer = readLine(in);
                        }
                        return -1;
                    }
                }
                int n = in.read(b, off, (int) Math.min(len, chunkLeft));
                if (n < 0) {
                    throw new EOFException("the engine closed the connection inside a chunk");
                }
                chunkLeft -= n;
                if (chunkLeft == 0) {
                    readLine(in); // the CRLF after the chunk's data
                }
                return n;
            }
        };
    }

    /** A body that ends with the connection. */
    static InputStream untilClose(InputStream in, Runnable onEnd) {
        return new BodyStream(onEnd) {
            @Override
            int readSome(byte[] b, int off, int len) throws IOException {
                return in.read(b, off, len);
            }
        };
    }

    /** Writes what it is given as chunks; {@link #close()} writes the last chunk (and leaves {@code out} open). */
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

    /** Turns single-byte reads into {@link #readSome} and runs {@code onEnd} once at the end of the body. */
    private abstract static class BodyStream extends InputStream {
        private final Runnable onEnd;
        private boolean ended;

        BodyStream(Runnable onEnd) {
            this.onEnd = onEnd;
        }

        abstract int readSome(byte[] b, int off, int len) throws IOException;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (ended) {
                return -1;
            }
            int n = readSome(b, off, len);
            if (n < 0) {
                ended = true;
                onEnd.run();
            }
            return n;
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                onEnd.run();
            }
        }
    }
}
