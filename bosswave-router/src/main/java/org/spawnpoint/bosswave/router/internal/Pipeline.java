package org.spawnpoint.bosswave.router.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps one session's requests in order while the Ed25519 signatures of pipelined publishes are computed on every
 * core. Used only from the session's reader thread. When nothing is pending, steps run at once on the caller's thread,
 * so an unhurried client pays no thread hand-off.
 */
final class Pipeline {
    private static final AtomicInteger THREADS = new AtomicInteger();
    static final ExecutorService SIGNERS = Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "bw2-signer-" + THREADS.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private final Semaphore window = new Semaphore(256);
    private boolean onlyAsyncPending = true;

    /** True when a publish may be prepared now and signed in parallel (no other kind of request is still queued). */
    boolean acceptsAsync() {
        return tail.isDone() || onlyAsyncPending;
    }

    boolean idle() {
        return tail.isDone();
    }

    /** Runs {@code step} after everything queued before it; {@code step} must not throw. */
    void then(Runnable step) {
        if (tail.isDone()) {
            onlyAsyncPending = true;
            step.run();
        } else {
            onlyAsyncPending = false;
            tail = tail.thenRun(step);
        }
    }

    /** Computes {@code work} on a signer thread, then hands its result to {@code finish} in request order. */
    <T> void async(Supplier<T> work, Consumer<T> finish, Consumer<Throwable> onError) throws InterruptedException {
        window.acquire();
        if (tail.isDone()) {
            onlyAsyncPending = true;
        }
        CompletableFuture<T> result = CompletableFuture.supplyAsync(work, SIGNERS);
        tail = tail.thenCombine(result, (v, r) -> r).handle((r, ex) -> {
            try {
                if (ex != null) {
                    onError.accept(ex.getCause() != null ? ex.getCause() : ex);
                } else {
                    finish.accept(r);
                }
            } finally {
                window.release();
            }
            return null;
        });
    }

    /** Waits (bounded) until everything queued is done, e.g. before a last error reply. */
    void drain() {
        try {
            tail.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // best effort: the connection is going away
        }
    }
}
