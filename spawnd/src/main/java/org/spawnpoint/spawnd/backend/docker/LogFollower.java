package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.LogLine;

/**
 * Receives a container's multiplexed output and hands it on as lines; stdout and stderr are split separately. It is
 * fed either by docker-java (as a callback of its frames) or by {@link LogStreams} (as raw bytes).
 */
final class LogFollower extends ResultCallback.Adapter<Frame> {
    private static final Logger LOG = LoggerFactory.getLogger(LogFollower.class);

    private final LogLineSplitter stdout;
    private final LogLineSplitter stderr;
    private final Runnable onEnd;
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile boolean closedByUs;

    LogFollower(Instant since, Consumer<LogLine> lines, Runnable onEnd) {
        Consumer<LogLine> safe = line -> {
            try {
                lines.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("Log line handler failed", e);
            }
        };
        this.stdout = new LogLineSplitter(false, since, safe);
        this.stderr = new LogLineSplitter(true, since, safe);
        this.onEnd = onEnd;
    }

    @Override
    public void onNext(Frame frame) {
        byte[] payload = frame.getPayload();
        accept(frame.getStreamType() == StreamType.STDERR, payload, 0, payload.length);
    }

    /** Output bytes of one stream, in order. */
    void accept(boolean fromStderr, byte[] data, int offset, int length) {
        (fromStderr ? stderr : stdout).accept(data, offset, length);
    }

    /** The stream is being closed by its owner: the end action does not run. */
    void closedByCaller() {
        closedByUs = true;
    }

    @Override
    public void onError(Throwable throwable) {
        if (!closedByUs) {
            LOG.debug("Log stream failed: {}", throwable.toString());
        }
        end();
        closeQuietly();
    }

    @Override
    public void onComplete() {
        end();
        super.onComplete();
    }

    @Override
    public void close() throws java.io.IOException {
        closedByUs = true;
        super.close();
    }

    /** The stream ended: the last partial lines are delivered, then the end action runs (unless closed by us). */
    void end() {
        if (ended.compareAndSet(false, true)) {
            stdout.flush();
            stderr.flush();
            if (!closedByUs && onEnd != null) {
                try {
                    onEnd.run();
                } catch (RuntimeException e) {
                    LOG.warn("Log stream end handler failed", e);
                }
            }
        }
    }

    private void closeQuietly() {
        try {
            super.close();
        } catch (java.io.IOException ignored) {
            // already broken
        }
    }
}
