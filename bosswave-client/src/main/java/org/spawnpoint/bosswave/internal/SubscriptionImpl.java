package org.spawnpoint.bosswave.internal;

import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.MessageHandler;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * One subscription: the sink for its seqno's replies, and the handle the user closes. Survives an automatic
 * reconnection, when it is sent again on the new connection and gets a new handle.
 */
final class SubscriptionImpl implements Subscription, ReplySink {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionImpl.class);

    private final DefaultBosswaveClient client;
    private final SubscribeParams params;
    private final boolean autoChain;
    private final MessageHandler handler;
    private final SerialExecutor delivery;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private volatile CompletableFuture<String> established = CompletableFuture.completedFuture(null);
    private volatile Connection connection;
    private volatile long seqNo;
    private volatile String handle;
    private volatile boolean closing;

    SubscriptionImpl(DefaultBosswaveClient client, SubscribeParams params, boolean autoChain, MessageHandler handler,
                     SerialExecutor delivery) {
        this.client = client;
        this.params = params;
        this.autoChain = autoChain;
        this.handler = handler;
        this.delivery = delivery;
    }

    /** Sends {@code subs} on {@code c} and waits for the agent's answer; returns the new handle. */
    String establish(Connection c) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        established = answer;
        connection = c;
        handle = null;
        Request request = new Request("subscribe to " + params.uri(), params.timeout(), true);
        seqNo = c.send(CommandFrames.subscribeOrQuery(Commands.SUBSCRIBE, params, autoChain), this, request);
        handle = Futures.await(answer, request.what(), c.timeoutOf(request));
        return handle;
    }

    Connection connection() {
        return connection;
    }

    @Override
    public boolean onFrame(Frame f) {
        CompletableFuture<String> answer = established;
        RouterErrorException err = Replies.error(f);
        if (!answer.isDone()) {
            if (err != null) {
                answer.completeExceptionally(err);
                return true;
            }
            String h = f.kv("handle");
            handle = h;
            answer.complete(h == null ? "" : h);
            if (f.finished()) {
                finish(null);
                return true;
            }
            return false;
        }
        if (err != null) {
            finish(err);
            return true;
        }
        Message m = Replies.message(f);
        if (m != null && !closing) {
            delivery.execute(() -> {
                if (!closing) {
                    handler.onMessage(m);
                }
            });
        }
        if (f.finished()) {
            // The closing frame carries nothing and is never delivered as a message (bosswave-oob.md §10).
            finish(null);
            return true;
        }
        return false;
    }

    @Override
    public void onClosed(ConnectionClosedException cause) {
        CompletableFuture<String> answer = established;
        if (!answer.isDone()) {
            answer.completeExceptionally(cause);
            return;
        }
        if (closing) {
            finish(null);
        } else if (client.willReconnect()) {
            handle = null;
        } else {
            finish(cause);
        }
    }

    /**
     * The agent did not accept the subscription in time; {@link #establish} throws it. (After acceptance a
     * subscription has no deadline: a quiet URI is not an error.)
     */
    @Override
    public void onTimeout(RequestTimeoutException timeout) {
        established.completeExceptionally(timeout);
    }

    /** Ends the subscription after every message already queued for the handler; null means normally. */
    void finish(BosswaveException error) {
        client.forget(this);
        delivery.execute(() -> {
            if (error == null) {
                ended.complete(null);
            } else {
                ended.completeExceptionally(error);
            }
        });
    }

    @Override
    public String handle() {
        return handle;
    }

    @Override
    public String uri() {
        return params.uri();
    }

    @Override
    public CompletableFuture<Void> ended() {
        return ended;
    }

    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        Connection c = connection;
        String h = handle;
        try {
            if (c != null && c.isOpen() && h != null && !h.isEmpty() && !ended.isDone()) {
                client.unsubscribe(c, h);
            }
        } catch (BosswaveException e) {
            LOG.debug("unsubscribe of {} failed: {}", params.uri(), e.getMessage());
        } finally {
            if (c != null) {
                c.forget(seqNo, this);
            }
            finish(null);
        }
    }

    @Override
    public String toString() {
        return "Subscription " + params.uri() + " handle " + handle;
    }
}
