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

    ChannelInput(SocketChannel channel, Runnable beforeRead) throws IOException {
        this.channel = channel;
        this.beforeRead = beforeRead;
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

    /** Wakes a reader waiting for input (after the channel is closed) and releases the selector. */
    @Override
    public void close() throws IOException {
        selector.wakeup();
        selector.close();
    }
}
