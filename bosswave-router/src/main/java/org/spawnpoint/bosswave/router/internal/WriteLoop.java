package org.spawnpoint.bosswave.router.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread for the whole router that finishes the writes a socket could not take at once: it waits until such a
 * socket has room and hands it back to its {@link SessionOutput}. Idle unless some peer reads slower than we write.
 */
final class WriteLoop implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WriteLoop.class);

    private record Request(SocketChannel channel, SessionOutput output) {
    }

    private final Selector selector;
    private final ConcurrentLinkedQueue<Request> requests = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean closed;

    WriteLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for socket writes", e);
        }
        thread = new Thread(this::run, "bw2-write-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Asks to call {@code output.writable()} when the channel can take more. */
    void awaitWritable(SocketChannel channel, SessionOutput output) {
        requests.add(new Request(channel, output));
        selector.wakeup();
    }

    private void run() {
        while (!closed) {
            try {
                selector.select();
                Request r;
                while ((r = requests.poll()) != null) {
                    register(r);
                }
                for (SelectionKey k : selector.selectedKeys()) {
                    SessionOutput out = (SessionOutput) k.attachment();
                    boolean more;
                    try {
                        more = k.isValid() && out.writable();
                    } catch (CancelledKeyException e) {
                        more = false;
                    }
                    if (!more && k.isValid()) {
                        k.interestOps(0);
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    LOG.error("socket write loop: {}", e.toString());
                }
            }
        }
    }

    private void register(Request r) {
        try {
            SelectionKey k = r.channel().keyFor(selector);
            if (k == null) {
                r.channel().register(selector, SelectionKey.OP_WRITE, r.output());
            } else {
                k.interestOps(SelectionKey.OP_WRITE);
            }
        } catch (ClosedChannelException | CancelledKeyException e) {
            // the connection closed meanwhile: nothing left to write
        }
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            thread.join(2000);
            selector.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("closing the write selector: {}", e.getMessage());
        }
    }
}
