package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A blocking stream over a non-blocking socket (the socket must be non-blocking so that other threads can write to it
 * without ever waiting). Before each read from the socket it runs {@code beforeRead}: the reader's queued replies and
 * deliveries leave once per chunk of input, and always before the reader waits.
 */
final class ChannelInput extends InputStream {
    private final SocketChannel channel;
    private final Selector selector;
    private final Runnable beforeRead;
    private final long busyPollNanos;

    /** @param busyPollMicros how long to keep polling the socket before sleeping (0: sleep at once) */
    ChannelInput(SocketChannel channel, Runnable beforeRead, int busyPollMicros) throws IOException {
        this.channel = channel;
        this.beforeRead = beforeRead;
        this.busyPollNanos = busyPollMicros * 1000L;
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
                return n;
            }
            try {
                selector.select();
                selector.selectedKeys().clear();
            } catch (ClosedSelectorException e) {
                return -1;
            }
            if (!channel.isOpen()) {
                return -1;
            }
        }
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
