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

/** Receives a container's multiplexed output and hands it on as lines; stdout and stderr are split separately. */
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
        (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).accept(frame.getPayload());
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

    private void end() {
        if (ended.compareAndSet(false, true)) {
            stdout.flush();
            stderr.flush();
            if (!closedByUs && onEnd != null) {
                onEnd.run();
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
