package org.spawnpoint.bosswave.router.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.LinkedBlockingQueue;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * The only thread that writes to a connection. Frames are queued by the session's reader and by publishers on other
 * connections, so a slow socket never blocks them; the per-subscription bound lives in {@link Sub}.
 */
final class SessionWriter implements Runnable {
    /** A frame to write; when {@code seqNo >= 0} it replaces the seqno of a shared pre-encoded frame. */
    record Outbound(byte[] frame, long seqNo, Sub sub, boolean closeAfter) {
    }

    private static final Outbound STOP = new Outbound(new byte[0], -1, null, true);

    private final LinkedBlockingQueue<Outbound> queue = new LinkedBlockingQueue<>();
    private final OutputStream out;
    private final Runnable onExit;
    /** Frames queued for a peer that does not read; beyond this the connection is dropped instead of the heap. */
    private final int maxQueued;
    private volatile boolean overflowed;
    private final byte[] header = new byte[27];
    private volatile boolean stopped;

    SessionWriter(OutputStream raw, Runnable onExit, int maxQueued) {
        this.out = new BufferedOutputStream(raw, 65536);
        this.onExit = onExit;
        this.maxQueued = maxQueued;
    }

    private void enqueue(Outbound o) {
        if (queue.size() >= maxQueued && !overflowed) {
            overflowed = true;
            queue.clear();
            queue.add(STOP); // the writer exits and closes the connection
            return;
        }
        if (!overflowed) {
            queue.add(o);
        }
    }

    /** True once the peer fell so far behind that the connection is being dropped. */
    boolean overflowed() {
        return overflowed;
    }

    void send(Frame f) {
        enqueue(new Outbound(FrameCodec.encode(f), -1, null, false));
    }

    /** Sends {@code f}, then closes the connection once it is written. */
    void sendAndClose(Frame f) {
        enqueue(new Outbound(FrameCodec.encode(f), -1, null, true));
    }

    void sendShared(byte[] frame, long seqNo, Sub sub) {
        enqueue(new Outbound(frame, seqNo, sub, false));
    }

    void stop() {
        stopped = true;
        queue.add(STOP);
    }

    @Override
    public void run() {
        try {
            while (true) {
                Outbound o = queue.poll();
                if (o == null) {
                    out.flush();
                    o = queue.take();
                }
                if (o == STOP) {
                    break;
                }
                write(o);
                if (o.sub() != null) {
                    o.sub().delivered();
                }
                if (o.closeAfter()) {
                    out.flush();
                    break;
                }
            }
            out.flush();
        } catch (IOException e) {
            // the peer went away or the socket was closed under us; the reader side cleans up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            queue.clear();
            onExit.run();
        }
    }

    boolean stopped() {
        return stopped;
    }

    private void write(Outbound o) throws IOException {
        byte[] f = o.frame();
        if (o.seqNo() < 0) {
            out.write(f);
            return;
        }
        System.arraycopy(f, 0, header, 0, 27);
        long v = o.seqNo();
        for (int i = 25; i >= 16; i--) {
            header[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        out.write(header);
        out.write(f, 27, f.length - 27);
    }
}
