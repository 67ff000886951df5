package org.spawnpoint.spawnclient;

import java.util.concurrent.CompletableFuture;

/** A followed service log. Closing it unsubscribes. */
public interface LogTail extends AutoCloseable {
    /** Completes when the subscription ends; exceptionally when the connection to the router is lost. */
    CompletableFuture<Void> ended();

    @Override
    void close();
}
