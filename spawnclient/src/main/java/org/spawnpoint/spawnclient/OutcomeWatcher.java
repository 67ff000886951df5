package org.spawnpoint.spawnclient;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.spawnpoint.spawnclient.model.LogEntry;

/**
 * Reads the outcome of a request from the daemon's log messages about the service. Our spawnd and 0.3+ tag them
 * {@code [SUCCESS]}/{@code [FAILURE]} (spawnpoint-0.2.md §10.1); a 0.2 spawnd writes the same texts untagged, so the
 * known failure texts of 0.2 count too. A 0.2 spawnd never reports a finished stop: such an outcome stays open.
 */
final class OutcomeWatcher {
    /** What is being waited for. */
    enum Kind {
        /** deploy and restart: the container (re)started, or a failure. */
        START("Container (re)start successful"),
        /** stop: the service stopped, or a failure. */
        STOP("Service stopped"),
        /** tail: nothing to wait for. */
        NONE(null);

        final String successText;

        Kind(String successText) {
            this.successText = successText;
        }
    }

    private static final String SUCCESS = "[SUCCESS] ";
    private static final String FAILURE = "[FAILURE] ";
    private static final String INFO = "[INFO] ";
    /** Failure texts of an untagged 0.2 spawnd (spawnpoint-0.2.md §4.2-4.4). */
    private static final List<String> UNTAGGED_FAILURES = List.of("Failed to launch service", "Container (re)start failed",
            "Service not found", "Insufficient ", "Failed to stop container");

    private final Kind kind;
    private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    OutcomeWatcher(Kind kind) {
        this.kind = kind;
    }

    CompletableFuture<Outcome> outcome() {
        return outcome;
    }

    /** Looks at one log message of the service (already filtered by service name). */
    void accept(LogEntry e) {
        if (kind == Kind.NONE || outcome.isDone()) {
            return;
        }
        String text = e.contents().strip();
        if (text.startsWith(FAILURE)) {
            outcome.complete(new Outcome(false, text.substring(FAILURE.length())));
            return;
        }
        boolean tagged = text.startsWith(SUCCESS);
        String bare = tagged ? text.substring(SUCCESS.length()) : text.startsWith(INFO) ? null : text;
        if (bare == null) {
            return;
        }
        if (bare.equals(kind.successText)) {
            outcome.complete(new Outcome(true, bare));
        } else if (!tagged && UNTAGGED_FAILURES.stream().anyMatch(bare::startsWith)) {
            outcome.complete(new Outcome(false, bare));
        }
    }
}
