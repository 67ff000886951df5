package org.spawnpoint.spawnclient;

import java.util.concurrent.CompletableFuture;

/** A followed service log. Closing it unsubscribes. */
public interface LogTail extends AutoCloseable {
    /** Completes when the subscription ends; exceptionally when the connection to the router is lost. */
    CompletableFuture<Void> ended();

    /**
     * Completes when the spawnpoint reports how the request ended: for a deploy or restart, that the container
     * started or failed to; for a stop, that the service stopped or could not be. Never completes for a plain tail,
     * nor for a stop on a 0.2 spawnd, which does not report it.
     */
    CompletableFuture<Outcome> outcome();

    @Override
    void close();
}
