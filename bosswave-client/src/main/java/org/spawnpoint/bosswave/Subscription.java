package org.spawnpoint.bosswave;

import java.util.concurrent.CompletableFuture;

/** A live subscription. Closing it unsubscribes ({@code usub}). */
public interface Subscription extends AutoCloseable {
    /** The agent's handle (b64 of mid ‖ sig-prefix); may change after an automatic reconnection. */
    String handle();

    /** The URI subscribed to, as given. */
    String uri();

    /**
     * Completes when the subscription ends: normally after {@code finished=true} or {@link #close()}, exceptionally
     * with {@link ConnectionClosedException} when the connection is lost and not re-established.
     */
    CompletableFuture<Void> ended();

    @Override
    void close();
}
