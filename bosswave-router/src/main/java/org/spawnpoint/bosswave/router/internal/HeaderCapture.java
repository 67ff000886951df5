package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * Feeds a {@link org.spawnpoint.bosswave.wire.FrameReader} without letting it read ahead of the current frame, and
 * remembers the first 27 bytes of that frame, so that a malformed frame can still be answered on its seqno.
 *
 * <p>The reader fills its own line buffer with large reads and reads values straight into fresh arrays. We serve at
 * most one byte per read into its line buffer (recognised as the first array it ever passes us) and whole values into
 * any other array, so its buffer never holds bytes past the frame it is parsing. The underlying stream is buffered.
 */
final class HeaderCapture extends InputStream {
    private final InputStream in;
    private final byte[] buf = new byte[16384];
    private int pos;
    private int lim;
    private byte[] lineBuffer;
    private final byte[] header = new byte[27];
    private int headerLen;

    HeaderCapture(InputStream in) {
        this.in = in;
    }

    /** Called before each frame: forget the previous header. */
    void startFrame() {
        headerLen = 0;
    }

    /** The seqno in the captured header, or -1 when the header is incomplete or not numeric there. */
    long capturedSeqNo() {
        if (headerLen < 27) {
            return -1;
        }
        long v = 0;
        for (int i = 16; i < 26; i++) {
            int d = header[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        int n = in.read(buf, 0, buf.length);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }

    /** Bytes readable without blocking: a sign that the client is pipelining requests. */
    @Override
    public int available() throws IOException {
        return (lim - pos) + in.available();
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        int b = buf[pos++] & 255;
        if (headerLen < 27) {
            header[headerLen++] = (byte) b;
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (lineBuffer == null) {
            lineBuffer = b;
        }
        if (!fill()) {
            return -1;
        }
        int n = b == lineBuffer ? 1 : Math.min(len, lim - pos);
        System.arraycopy(buf, pos, b, off, n);
        for (int i = 0; i < n && headerLen < 27; i++) {
            header[headerLen++] = buf[pos + i];
        }
        pos += n;
        return n;
    }
}
