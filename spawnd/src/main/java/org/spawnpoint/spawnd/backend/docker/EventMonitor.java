package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.EventsCmd;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.BackendException;
import org.spawnpoint.spawnd.backend.Labels;

/**
 * Follows the engine's container events for one daemon's containers. When the stream breaks (the engine restarted,
 * the socket closed), it is opened again after a growing pause from the last event seen, so that nothing is lost,
 * and events already delivered are skipped.
 */
final class EventMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EventMonitor.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(200);
    private static final Duration MAX_RETRY = Duration.ofSeconds(10);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final DockerClient docker;
    private final Map<String, String> ownLabels;
    private final Consumer<BackendEvent> events;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Session session;
    // Written by the stream thread of the current session only.
    private volatile long lastTimeNano;
    private volatile String lastKey = "";
    private long openedNano;

    EventMonitor(DockerClient docker, String instanceId, Consumer<BackendEvent> events) {
        this.docker = docker;
        this.ownLabels = Map.of(Labels.MANAGED, "true", Labels.INSTANCE, instanceId);
        this.events = events;
        this.thread = new Thread(this::reopenWhenBroken, "docker-events-watch");
        thread.setDaemon(true);
    }

    /** Opens the stream; events from the moment this returns are delivered. */
    EventMonitor start() {
        Instant now = Instant.now();
        openedNano = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        try {
            session = open(null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendException("interrupted while opening the Docker event stream");
        }
        thread.start();
        return this;
    }

    private void reopenWhenBroken() {
        Duration pause = FIRST_RETRY;
        while (!closed) {
            try {
                try {
                    session.awaitCompletion();
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.warn("Docker event stream failed: {}", e.toString());
                    }
                }
                while (!closed) {
                    Thread.sleep(pause.toMillis());
                    pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
                    try {
                        // The engine must answer first: docker-java reports a stream as started once its request is
                        // sent, and over a pooled connection the engine has already dropped that is no proof (a cut
                        // engine "reopened" four times in a row, EventMonitorIT under load). A ping over a dead
                        // connection fails, and the client then tries a new one.
                        docker.pingCmd().exec();
                        session = open(Math.max(lastTimeNano, openedNano));
                        pause = FIRST_RETRY;
                        LOG.info("Docker event stream reopened");
                        deliver(new BackendEvent(BackendEvent.Type.MONITOR_RESUMED, null, null, null, Instant.now()));
                        break;
                    } catch (RuntimeException e) {
                        LOG.warn("Cannot reopen the Docker event stream (next try in {} ms): {}", pause.toMillis(),
                                e.toString());
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Session open(Long sinceNano) throws InterruptedException {
        EventsCmd cmd = docker.eventsCmd()
                .withEventTypeFilter(EventType.CONTAINER)
                .withEventFilter("start", "die", "oom")
                .withLabelFilter(ownLabels);
        if (sinceNano != null && sinceNano > 0) {
            cmd.withSince(String.format("%d.%09d", sinceNano / 1_000_000_000L, sinceNano % 1_000_000_000L));
        }
        Session s = cmd.exec(new Session());
        if (!Streams.awaitStarted(s, START_TIMEOUT)) {
            closeQuietly(s);
            throw new BackendException("the Docker engine did not answer the event request within "
                    + START_TIMEOUT.toSeconds() + " s");
        }
        return s;
    }

    private void onEvent(Event e) {
        long t = Objects.requireNonNullElse(e.getTimeNano(), 0L);
        String key = e.getId() + "/" + e.getAction();
        // After a reopen the engine replays from the last event's time: skip what was delivered already.
        if (t < lastTimeNano || (t == lastTimeNano && key.equals(lastKey))) {
            return;
        }
        lastTimeNano = t;
        lastKey = key;
        BackendEvent.Type type = switch (Objects.requireNonNullElse(e.getAction(), "")) {
            case "start" -> BackendEvent.Type.START;
            case "die" -> BackendEvent.Type.DIE;
            case "oom" -> BackendEvent.Type.OOM;
            default -> null;
        };
        if (type == null) {
            return;
        }
        Map<String, String> attrs = e.getActor() == null || e.getActor().getAttributes() == null
                ? Map.of() : e.getActor().getAttributes();
        Integer exitCode = null;
        if (type == BackendEvent.Type.DIE) {
            try {
                exitCode = Integer.valueOf(attrs.get("exitCode"));
            } catch (NumberFormatException ignored) {
                exitCode = null;
            }
        }
        deliver(new BackendEvent(type, e.getId(), attrs.get(Labels.SERVICE), exitCode, Instant.ofEpochSecond(0, t)));
    }

    private void deliver(BackendEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException ex) {
            // A failing handler must not stop the monitor.
            LOG.error("Docker event handler failed on {}", event, ex);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        closeQuietly(session);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the stream is being abandoned
            }
        }
    }

    /** One open event stream; a failure ends it and is logged by the monitor. */
    private final class Session extends QuietCallback<Event> {
        @Override
        public void onNext(Event e) {
            onEvent(e);
        }
    }
}
