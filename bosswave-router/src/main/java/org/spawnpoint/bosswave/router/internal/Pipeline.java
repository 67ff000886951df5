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
    /**
     * Value bytes of frames waiting for earlier work of the same connection; beyond it the reader waits, and TCP
     * pushes back on the client. A frame larger than this takes all of it (it waits until nothing else is queued).
     */
    static final int QUEUED_BYTES = 16 << 20;
    private final Semaphore queuedBytes = new Semaphore(QUEUED_BYTES);
    private boolean onlyAsyncPending = true;

    /** True when a publish may be prepared now and signed in parallel (no other kind of request is still queued). */
    boolean acceptsAsync() {
        return tail.isDone() || onlyAsyncPending;
    }

    boolean idle() {
        return tail.isDone();
    }

    /** Says that the caller runs a step itself now, {@link #idle()} being true: as {@link #then(Runnable)} would. */
    void runningNow() {
        onlyAsyncPending = true;
    }

    /** Runs {@code step} after everything queued before it; {@code step} must not throw. */
    void then(Runnable step) {
        if (tail.isDone()) {
            runningNow();
            step.run();
        } else {
            onlyAsyncPending = false;
            tail = tail.thenRun(step);
        }
    }

    /** As {@link #then(Runnable)} for a step that holds a frame of {@code bytes} value bytes while it waits. */
    void then(Runnable step, int bytes) throws InterruptedException {
        if (tail.isDone()) {
            then(step);
            return;
        }
        int permits = Math.min(bytes, QUEUED_BYTES);
        queuedBytes.acquire(permits);
        then(() -> {
            try {
                step.run();
            } finally {
                queuedBytes.release(permits);
            }
        });
    }

    /**
     * Computes {@code work} on a signer thread, then hands its result to {@code finish} in request order; the frame
     * behind it holds {@code bytes} value bytes until then.
     */
    <T> void async(int bytes, Supplier<T> work, Consumer<T> finish, Consumer<Throwable> onError)
            throws InterruptedException {
        int permits = Math.min(bytes, QUEUED_BYTES);
        window.acquire();
        queuedBytes.acquire(permits);
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
                queuedBytes.release(permits);
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
