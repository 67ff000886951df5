package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A docker-java callback whose failure is reported to the caller (rethrown by {@code awaitCompletion}) instead of
 * being logged by docker-java as an "Error during callback": a stream that fails because a container just stopped,
 * or an image that is not in a registry, is an expected outcome the caller turns into a clear message.
 */
abstract class QuietCallback<T> extends ResultCallback.Adapter<T> {
    private volatile Throwable failure;

    @Override
    public void onError(Throwable throwable) {
        failure = throwable;
        try {
            close();
        } catch (IOException ignored) {
            // the stream is being abandoned
        }
    }

    /** The error the stream ended with, or {@code null}. */
    Throwable failure() {
        return failure;
    }

    @Override
    public boolean awaitCompletion(long timeout, TimeUnit unit) throws InterruptedException {
        boolean done = super.awaitCompletion(timeout, unit);
        rethrow();
        return done;
    }

    @Override
    public QuietCallback<T> awaitCompletion() throws InterruptedException {
        super.awaitCompletion();
        rethrow();
        return this;
    }

    private void rethrow() {
        Throwable f = failure;
        if (f instanceof RuntimeException r) {
            throw r;
        }
        if (f instanceof Error e) {
            throw e;
        }
        if (f != null) {
            throw new DockerClientException(f.getMessage(), f);
        }
    }
}
