package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waiting on docker-java's streaming callbacks. */
final class Streams {
    private Streams() {
    }

    /**
     * Waits until the engine answered the streaming request, or the stream failed (its error is thrown), or
     * {@code timeout} passed. docker-java's own {@code awaitStarted()} waits forever when the request fails.
     *
     * @return true if the stream started (or already completed without error)
     */
    static boolean awaitStarted(ResultCallback.Adapter<?> callback, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (callback.awaitStarted(20, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (callback.awaitCompletion(0, TimeUnit.MILLISECONDS)) {
                return true;
            }
        }
        return false;
    }
}
