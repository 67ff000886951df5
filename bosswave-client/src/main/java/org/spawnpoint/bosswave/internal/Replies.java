package org.spawnpoint.bosswave.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;

/** Interpretation of agent replies (bosswave-oob.md §2.1, §2.4) and the reply sinks for requests. */
final class Replies {

    /** Commands answered by a stream that ends with {@code finished=true}; everything else is answered once. */
    static final Set<String> STREAMING = Set.of(Commands.SUBSCRIBE, Commands.QUERY, Commands.LIST,
            Commands.BUILD_CHAIN, "mkvw", "vsub");

    private Replies() {
    }

    /** The error carried by a {@code status=error} reply, or null. */
    static RouterErrorException error(Frame f) {
        if (!"error".equals(f.kv("status"))) {
            return null;
        }
        String codeText = f.kv("code");
        int code;
        try {
            code = codeText == null ? 0 : Integer.parseInt(codeText.trim());
        } catch (NumberFormatException e) {
            code = 0;
        }
        String reason = f.kv("reason");
        return new RouterErrorException(code, reason == null ? "(agent gave no reason)" : reason);
    }

    /** A result frame as a message, or null when it carries nothing (the closing {@code finished=true} frame). */
    static Message message(Frame f) {
        String from = f.kv("from");
        String uri = f.kv("uri");
        if (from == null && uri == null && f.ros().isEmpty() && f.pos().isEmpty()) {
            return null;
        }
        return new Message(from, uri, f.ros(), f.pos(), f.kv("signature"), f.kv("umid"));
    }

    /** Completes with the first reply; an error reply fails it. */
    static final class OneShot implements ReplySink {
        final CompletableFuture<Frame> future = new CompletableFuture<>();

        @Override
        public boolean onFrame(Frame frame) {
            RouterErrorException err = error(frame);
            if (err != null) {
                future.completeExceptionally(err);
            } else {
                future.complete(frame);
            }
            return true;
        }

        @Override
        public void onClosed(ConnectionClosedException cause) {
            future.completeExceptionally(cause);
        }

        @Override
        public void onTimeout(RequestTimeoutException timeout) {
            future.completeExceptionally(timeout);
        }
    }

    /**
     * Collects every reply until one carries {@code finished=true} (streaming commands) or the first reply (others).
     * An error reply fails the whole request.
     */
    static final class Collecting implements ReplySink {
        final CompletableFuture<List<Frame>> future = new CompletableFuture<>();
        private final boolean streaming;
        private final List<Frame> frames = new ArrayList<>();

        Collecting(String command) {
            this.streaming = STREAMING.contains(command);
        }

        @Override
        public boolean onFrame(Frame frame) {
            RouterErrorException err = error(frame);
            if (err != null) {
                future.completeExceptionally(err);
                return true;
            }
            frames.add(frame);
            if (!streaming || frame.finished()) {
                future.complete(List.copyOf(frames));
                return true;
            }
            return false;
        }

        @Override
        public void onClosed(ConnectionClosedException cause) {
            future.completeExceptionally(cause);
        }

        @Override
        public void onTimeout(RequestTimeoutException timeout) {
            future.completeExceptionally(timeout);
        }
    }
}
