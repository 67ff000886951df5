package org.spawnpoint.bosswave.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.RouterErrorException;

/** Waiting on reply futures, and handing their completion to the callback executor. */
final class Futures {
    private Futures() {
    }

    /**
     * Margin past a request's deadline after which a waiting caller gives up by itself. The connection's sweep fails
     * every request at its deadline, so this only guards against a sweep that could not run (a bug, or a starved
     * timer); it is not the deadline.
     */
    static final Duration GUARD = Duration.ofSeconds(5);

    /**
     * Waits for a reply future whose request has deadline {@code timeout} (enforced by the connection), rethrowing
     * its failure with this thread's stack (the original as cause).
     */
    static <T> T await(CompletableFuture<T> f, String what, Duration timeout) {
        try {
            return f.get(timeout.plus(GUARD).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new RequestTimeoutException("no answer to '" + what + "' within " + timeout.plus(GUARD).toMillis()
                    + " ms (the request's deadline was not enforced in time)", timeout, null);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BosswaveException("interrupted while waiting to " + what);
        }
    }

    static RuntimeException rethrow(Throwable c) {
        if (c instanceof RouterErrorException r) {
            RouterErrorException copy = new RouterErrorException(r.code(), r.reason());
            copy.initCause(r);
            return copy;
        }
        if (c instanceof RequestTimeoutException t) {
            return new RequestTimeoutException(t.getMessage(), t.timeout(), t);
        }
        if (c instanceof ConnectionClosedException cc) {
            return new ConnectionClosedException(cc.getMessage(), cc);
        }
        if (c instanceof BosswaveException b) {
            return new BosswaveException(b.getMessage(), b);
        }
        if (c instanceof RuntimeException r) {
            return r;
        }
        return new BosswaveException(String.valueOf(c), c);
    }

    /**
     * A future completed on {@code executor}, so user continuations never run on the reader thread. Blocking
     * callers inside the client wait on {@code inner} instead, which cannot deadlock behind a busy executor.
     */
    static <T> CompletableFuture<T> completedOn(CompletableFuture<T> inner, Executor executor) {
        CompletableFuture<T> out = new CompletableFuture<>();
        inner.whenComplete((v, e) -> {
            Runnable r = () -> {
                if (e != null) {
                    out.completeExceptionally(e instanceof CompletionException && e.getCause() != null ? e.getCause() : e);
                } else {
                    out.complete(v);
                }
            };
            SerialExecutor.runElsewhere(executor, r);
        });
        return out;
    }
}
