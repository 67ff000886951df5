package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.BooleanSupplier;

/**
 * A blocking stream over a non-blocking socket (the socket must be non-blocking so that other threads can write to it
 * without ever waiting). Before each read from the socket it runs {@code beforeRead}: the reader's queued replies and
 * deliveries leave once per chunk of input, and always before the reader waits.
 *
 * <p>It also keeps the connection's deadlines, since it is where the reader waits: the handshake (connect to first
 * complete frame), the frame (first byte of a frame to its last) and the idle deadline (no frame under way); when one
 * passes, the waiting read fails with {@link DeadlineException}.
 */
final class ChannelInput extends InputStream {
    private final SocketChannel channel;
    private final Selector selector;
    private final Runnable beforeRead;
    private final long busyPollNanos;
    private final long frameTimeoutNanos;
    private final long idleTimeoutNanos;
    private final BooleanSupplier idleAllowed;
    private final long handshakeDeadline;
    private final int handshakeMillis;
    /** When the frame under way must be complete; {@link Long#MAX_VALUE} until its first byte arrives. */
    private long frameDeadline = Long.MAX_VALUE;
    private long idleDeadline;
    private boolean handshakeDone;

    /** A deadline passed; the message names the limit's config key. */
    static final class DeadlineException extends IOException {
        DeadlineException(String message) {
            super(message);
        }
    }

    /**
     * @param busyPollMicros how long to keep polling the socket before sleeping (0: sleep at once)
     * @param timeouts       handshake, frame and idle timeouts in ms, as in RouterConfig
     * @param idleAllowed    true while the connection may stay idle past the idle timeout (it holds subscriptions)
     */
    ChannelInput(SocketChannel channel, Runnable beforeRead, int busyPollMicros, int[] timeouts,
                 BooleanSupplier idleAllowed) throws IOException {
        this.channel = channel;
        this.beforeRead = beforeRead;
        this.busyPollNanos = busyPollMicros * 1000L;
        long now = System.nanoTime();
        this.handshakeMillis = timeouts[0];
        this.handshakeDeadline = now + timeouts[0] * 1_000_000L;
        this.frameTimeoutNanos = timeouts[1] * 1_000_000L;
        this.idleTimeoutNanos = timeouts[2] * 1_000_000L;
        this.idleAllowed = idleAllowed;
        this.idleDeadline = now + idleTimeoutNanos;
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 255;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        ByteBuffer target = ByteBuffer.wrap(b, off, len);
        beforeRead.run();
        while (true) {
            int n = channel.read(target);
            if (n == 0 && busyPollNanos > 0) {
                n = poll(target);
            }
            if (n != 0) {
                if (n > 0 && frameDeadline == Long.MAX_VALUE) {
                    frameDeadline = System.nanoTime() + frameTimeoutNanos;
                }
                return n;
            }
            try {
                selector.select(waitMillis());
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return -1;
            }
            if (!channel.isOpen()) {
                return -1;
            }
        }
    }

    /**
     * Called by the session before it reads each frame: a frame is complete. {@code started}: bytes of the next one
     * are already buffered (its frame deadline starts now).
     */
    void frameCompleted(boolean started) {
        // no clock read per frame (the publish hot path): the deadlines start when the reader next waits
        handshakeDone = true;
        frameDeadline = started ? UNSET : Long.MAX_VALUE;
        idleDeadline = UNSET;
    }

    private static final long UNSET = Long.MIN_VALUE;

    /** Milliseconds until the nearest deadline (at least 1), or fails when one has passed. */
    private long waitMillis() throws DeadlineException {
        long now = System.nanoTime();
        if (frameDeadline == UNSET) {
            frameDeadline = now + frameTimeoutNanos;
        }
        if (idleDeadline == UNSET) {
            idleDeadline = now + idleTimeoutNanos;
        }
        if (!handshakeDone && now - handshakeDeadline >= 0) {
            throw new DeadlineException("no complete frame within " + handshakeMillis + " ms of connecting"
                    + " (handshakeTimeoutMs)");
        }
        if (frameDeadline != Long.MAX_VALUE && now - frameDeadline >= 0) {
            throw new DeadlineException("a frame was not completed within " + frameTimeoutNanos / 1_000_000
                    + " ms of its first byte (frameTimeoutMs)");
        }
        if (handshakeDone && frameDeadline == Long.MAX_VALUE && now - idleDeadline >= 0) {
            if (!idleAllowed.getAsBoolean()) {
                throw new DeadlineException("idle for " + idleTimeoutNanos / 1_000_000 + " ms without a subscription"
                        + " (idleTimeoutMs)");
            }
            idleDeadline = now + idleTimeoutNanos;
        }
        long next = frameDeadline != Long.MAX_VALUE ? frameDeadline : handshakeDone ? idleDeadline : Long.MAX_VALUE;
        if (!handshakeDone) {
            next = Math.min(next, handshakeDeadline);
        }
        return Math.max(1, (next - now) / 1_000_000 + 1);
    }

    private int poll(ByteBuffer target) throws IOException {
        long until = System.nanoTime() + busyPollNanos;
        int n = 0;
        while (n == 0 && System.nanoTime() < until) {
            Thread.onSpinWait();
            n = channel.read(target);
        }
        return n;
    }

    /** Wakes a reader waiting for input (after the channel is closed) and releases the selector. */
    @Override
    public void close() throws IOException {
        selector.wakeup();
        selector.close();
    }
}
