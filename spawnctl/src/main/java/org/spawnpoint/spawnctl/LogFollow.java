package org.spawnpoint.spawnctl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import org.spawnpoint.spawnclient.LogTail;
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
