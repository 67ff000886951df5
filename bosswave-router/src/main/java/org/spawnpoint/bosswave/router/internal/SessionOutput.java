package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * Everything written to one connection. Any thread may queue frames; they go out with non-blocking writes made by
 * the thread that queued them, so a message reaches a subscriber without a hand-off to another thread. A session's
 * reader thread defers its writes to the end of the input it has at hand ({@link OutputBatch}), so a pipelining client
 * costs one write per batch, not one per frame. What the socket does not take at once is left to the
 * {@link WriteLoop}: a peer that does not read never blocks the thread that publishes to it.
 */
final class SessionOutput {
    /** The OOB header: command, length and seqno (bosswave-oob.md §1); the seqno is bytes 16..25. */
    private static final int HEADER_LENGTH = 27;
    /**
     * Bytes per write, held per writing thread (so per connection): 32 KiB, grown to 128 KiB by a thread that fills
     * it. A batch of a 128 KiB read (ClientSession) holds about 500 deliveries; written 64 KiB at a time, 1→1 took
     * 0.013 write calls per message and 0.88 µs of CPU, 128 KiB at a time 0.007 and 0.83 (RouterCpuProbe, medians of
     * 10).
     */
    private static final int STAGING_BYTES = 1 << 15;
    private static final int MAX_STAGING_BYTES = 1 << 17;
    /** A batch writes early once this many frames wait for one peer (e.g. a large query result). */
    private static final int BATCH_FRAMES = 1024;
    private static final ThreadLocal<ByteBuffer> STAGING =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(STAGING_BYTES));

    private final SocketChannel channel;
    private final WriteLoop writeLoop;
    private final Runnable onClose;
    /** Frames queued for a peer that does not read; beyond this the connection is dropped instead of the heap. */
    private final int maxQueued;
    /**
     * Each frame to write: its bytes, or a delivery whose unpacked result is written; when its seqno is {@code >= 0}
     * it replaces the seqno of a shared frame.
     */
    private final OutboundQueue queue = new OutboundQueue();
    /** A shared frame's header with a recipient's seqno, made while staging (under this output's lock). */
    private final byte[] header = new byte[HEADER_LENGTH];
    /** Frames up to this size are made whole in {@link #assembly} before they go into the staging buffer. */
    private static final int MAX_ASSEMBLED = 4096;
    /** Where a small frame is made (under this output's lock); grows with the frames, up to MAX_ASSEMBLED. */
    private byte[] assembly = new byte[0];
    /** Bytes of the head of the queue already written. */
    private int headWritten;
    /** True while the write loop owns the writing (the socket was full). */
    private boolean backlogged;
    private boolean closed;
    private volatile boolean overflowed;

    SessionOutput(SocketChannel channel, WriteLoop writeLoop, Runnable onClose, int maxQueued) {
        this.channel = channel;
        this.writeLoop = writeLoop;
        this.onClose = onClose;
        this.maxQueued = maxQueued;
    }

    void send(Frame f) {
        byte[] b = FrameCodec.encode(f);
        enqueue(b, b.length, -1, null, false);
    }

    /** Sends {@code f}, then closes the connection once it is written. */
    void sendAndClose(Frame f) {
        byte[] b = FrameCodec.encode(f);
        enqueue(b, b.length, -1, null, true);
    }

    /** Sends a frame encoded once for many recipients, with this recipient's seqno. */
    void sendShared(byte[] frame, long seqNo, Sub sub) {
        enqueue(frame, frame.length, seqNo, sub, false);
    }

    /**
     * Sends a message's unpacked result with this recipient's seqno, written straight from its parts into the output
     * buffer: no array per delivery (a third of the router's allocation per 1→1 message, and one copy less).
     */
    void sendResult(Delivery d, long seqNo, Sub sub) {
        enqueue(d, d.unpacked().length(), seqNo, sub, false);
    }

    /** True once the peer fell so far behind that the connection is being dropped. */
    boolean overflowed() {
        return overflowed;
    }

    /** {@code item}: a frame's bytes, or a {@link Delivery} whose unpacked result is written. */
    private void enqueue(Object item, int length, long seqNo, Sub sub, boolean closeAfter) {
        boolean drop = false;
        int queued;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= maxQueued) {
                overflowed = true;
                drop = true;
            } else {
                queue.add(item, length, seqNo, sub, closeAfter);
            }
            queued = queue.size();
        }
        if (drop) {
            onClose.run();
            return;
        }
        OutputBatch batch = OutputBatch.current();
        if (batch != null && queued < BATCH_FRAMES) {
            batch.dirty(this);
        } else {
            flush();
        }
    }

    /** Writes what the socket takes now; hands the rest to the write loop. */
    void flush() {
        boolean close;
        synchronized (this) {
            if (closed || backlogged || queue.isEmpty()) {
                return;
            }
            try {
                close = writeSome();
            } catch (IOException e) {
                close = true; // the peer went away; the session cleans up
            }
            if (!close && !queue.isEmpty()) {
                backlogged = true;
                writeLoop.awaitWritable(channel, this);
            }
        }
        if (close) {
            onClose.run();
        }
    }

    /** Called by the write loop when the socket has room again; true while there is more to write. */
    boolean writable() {
        boolean close;
        synchronized (this) {
            if (closed) {
                return false;
            }
            try {
                close = writeSome();
            } catch (IOException e) {
                close = true;
            }
            if (!close) {
                backlogged = !queue.isEmpty();
                if (!backlogged) {
                    notifyAll();
                }
                return backlogged;
            }
        }
        onClose.run();
        return false;
    }

    /**
     * Writes queued frames until the queue is empty or the socket is full. Returns true when a frame that ends the
     * connection has been written.
     */
    private boolean writeSome() throws IOException {
        ByteBuffer staging = STAGING.get();
        while (!queue.isEmpty()) {
            staging.clear();
            int staged = 0;
            for (int i = 0, n = queue.size(); i < n; i++) {
                int skip = staged == 0 ? headWritten : 0;
                if (staged > 0 && queue.length(i) - skip > staging.remaining()) {
                    break;
                }
                stage(staging, i, skip);
                staged++;
                if (queue.closeAfter(i) || !staging.hasRemaining()) {
                    break;
                }
            }
            if (staged < queue.size() && staging.capacity() < MAX_STAGING_BYTES) {
                // more is queued than fits: this thread writes batches, and gets the larger buffer from now on
                ByteBuffer larger = ByteBuffer.allocateDirect(Math.min(MAX_STAGING_BYTES, 2 * staging.capacity()));
                STAGING.set(larger);
                staging = larger;
                continue; // staged again into the larger buffer
            }
            staging.flip();
            int wrote = channel.write(staging);
            if (consumed(wrote)) {
                return true;
            }
            if (staging.hasRemaining()) {
                return false; // the socket is full
            }
        }
        notifyAll();
        return false;
    }

    /** Copies queued frame {@code i} (from byte {@code skip}) into the staging buffer, as much as fits. */
    private void stage(ByteBuffer staging, int i, int skip) {
        int length = queue.length(i);
        long seqNo = queue.seqNo(i);
        Object item = queue.item(i);
        Delivery result = item instanceof Delivery d ? d : null;
        if (skip == 0 && length <= staging.remaining() && length <= MAX_ASSEMBLED) {
            // whole and small: made in this output's array, then one put into the direct buffer (a put costs its
            // checks each, and the seven of a result and two of a reply were 14% of the session thread's Java
            // samples per 1→1 message, JFR)
            byte[] a = assembly;
            if (a.length < length) {
                a = new byte[Math.min(MAX_ASSEMBLED, Math.max(length, 2 * a.length))];
                assembly = a;
            }
            if (result != null) {
                ResultEncoder.write(result.unpacked(), seqNo, a, 0);
            } else {
                System.arraycopy((byte[]) item, 0, a, 0, length);
                if (seqNo >= 0) {
                    patchSeqNo(a, seqNo);
                }
            }
            staging.put(a, 0, length);
            return;
        }
        // a result that is not staged whole is written from its array, made once for every recipient
        byte[] f = result != null ? result.frame(true) : (byte[]) item;
        int from = skip;
        if (seqNo >= 0 && from < HEADER_LENGTH) {
            // patched in this output's own header array (writes hold its lock): a new header per delivery was 7% of
            // the router's garbage per 1→1 message, and byte-wise puts into the direct buffer 5% of its CPU (JFR)
            System.arraycopy(f, 0, header, 0, HEADER_LENGTH);
            patchSeqNo(header, seqNo);
            int n = Math.min(HEADER_LENGTH - from, staging.remaining());
            staging.put(header, from, n);
            from += n;
        }
        int n = Math.min(f.length - from, staging.remaining());
        staging.put(f, from, n);
    }

    /** Writes {@code seqNo} as the 10 digits of the header at the start of {@code frame}. */
    private static void patchSeqNo(byte[] frame, long seqNo) {
        long v = seqNo;
        for (int i = 25; i >= 16; i--) {
            frame[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
    }

    /** Drops the {@code wrote} bytes from the queue; true when a closing frame went out completely. */
    private boolean consumed(int wrote) {
        int left = wrote;
        while (left > 0) {
            int rest = queue.length(0) - headWritten;
            if (left < rest) {
                headWritten += left;
                return false;
            }
            left -= rest;
            headWritten = 0;
            Sub sub = queue.sub(0);
            boolean closeAfter = queue.closeAfter(0);
            queue.poll();
            if (sub != null) {
                sub.delivered();
            }
            if (closeAfter) {
                return true;
            }
        }
        return false;
    }

    /** Waits (bounded) until everything queued is written, e.g. a last error before the connection closes. */
    synchronized void awaitDrained(long millis) {
        long end = System.currentTimeMillis() + millis;
        while (!closed && !queue.isEmpty()) {
            long left = end - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Drops everything queued; later frames are ignored. */
    synchronized void close() {
        closed = true;
        queue.clear();
        notifyAll();
    }
}
