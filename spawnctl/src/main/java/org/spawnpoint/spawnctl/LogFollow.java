package org.spawnpoint.spawnctl;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.Outcome;
import org.spawnpoint.spawnclient.model.LogEntry;

/** Printing a followed service log until Ctrl-C (exit 0) or until the connection is lost (exit 3). */
final class LogFollow {
    private LogFollow() {
    }

    /** Prints each entry, every line prefixed (spawnpoint-0.2.md §5.5). Safe to call from the delivery thread. */
    static Consumer<LogEntry> printer(SpawnCtl root) {
        Style st = root.style();
        return e -> {
            synchronized (root.ctx.out()) {
                root.ctx.out().println(Formats.logLines(st, e, root.ctx.zone()));
                root.ctx.out().flush();
            }
        };
    }

    static void announce(SpawnCtl root, String text) {
        synchronized (root.ctx.out()) {
            root.ctx.out().println(root.style().green(text));
            root.ctx.out().flush();
        }
    }

    /**
     * Prints the log until the spawnpoint reports the outcome, and returns it when it is a success. A reported
     * failure, Ctrl-C, a lost connection or no outcome within {@code limit} (null: no limit) ends spawnctl with a
     * message saying which, and a non-zero exit code. {@code failed} is what to print before the spawnpoint's words.
     */
    static Outcome awaitOutcome(SpawnCtl root, LogTail tail, Duration limit, String failed, String verb) {
        Interrupts.following = true;
        try {
            CompletableFuture<Object> first = CompletableFuture.anyOf(root.ctx.interrupt(), tail.ended(),
                    tail.outcome());
            try {
                if (limit == null) {
                    first.get();
                } else {
                    first.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (TimeoutException e) {
                tail.close();
                throw new CtlException(ExitCodes.FAILURE, root.style().red("[ERROR]") + " " + failed
                        + "the spawnpoint reported no outcome within " + GoFormats.duration(limit)
                        + " (a spawnd 0.2 does not report a finished stop); check with 'spawnctl inspect'");
            } catch (ExecutionException e) {
                // the tail ended with an error; the outcome may still have come first (checked below)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            Outcome o = tail.outcome().getNow(null);
            if (o == null) {
                tail.close();
                if (root.ctx.interrupt().isDone() || Thread.currentThread().isInterrupted()) {
                    throw new CtlException(ExitCodes.INTERRUPTED, "Interrupted before the spawnpoint reported the "
                            + "outcome; the " + verb + " goes on there. Follow it with 'spawnctl tail'.");
                }
                Throwable cause = tail.ended().handle((v, t) -> t).getNow(null);
                if (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                    cause = cause.getCause();
                }
                throw new CtlException(ExitCodes.UNAVAILABLE, cause != null
                        ? "Lost the connection to the router before the spawnpoint reported the outcome: "
                                + cause.getMessage()
                        : "The router ended the log subscription before the spawnpoint reported the outcome");
            }
            if (!o.success()) {
                tail.close();
                throw new CtlException(ExitCodes.FAILURE, root.style().red("[ERROR]") + " " + failed + o.message());
            }
            return o;
        } finally {
            Interrupts.following = false;
        }
    }

    static int untilInterrupted(SpawnCtl root, LogTail tail) {
        Interrupts.following = true;
        try (tail) {
            CompletableFuture<Object> first = CompletableFuture.anyOf(root.ctx.interrupt(), tail.ended());
            try {
                first.get();
            } catch (ExecutionException e) {
                if (root.ctx.interrupt().isDone()) {
                    return ExitCodes.OK;
                }
                Throwable cause = e.getCause();
                throw new CtlException(ExitCodes.UNAVAILABLE, "Lost the connection to the router: "
                        + (cause == null ? "unknown reason" : cause.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ExitCodes.OK;
            }
            if (root.ctx.interrupt().isDone()) {
                return ExitCodes.OK;
            }
            throw new CtlException(ExitCodes.UNAVAILABLE, "The router ended the log subscription");
        } finally {
            Interrupts.following = false;
        }
    }
}
