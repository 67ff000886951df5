package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.spawnclient.model.LogsRequest;
import org.spawnpoint.spawnclient.model.LogsResponse;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/**
 * Answers {@code slot/logs} (Spawnpoint 0.5 {@code spawnctl logs --since}): reads a service's container output since
 * the requested time for a short while, publishes it on {@code signal/logs/<svc>} in batches of at most
 * {@link LogsResponse#MAX_BATCH} lines, then an empty batch that marks the end.
 */
public final class LogsRequestHandler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogsRequestHandler.class);
    static final Duration READ_FOR = Duration.ofSeconds(2);

    private final BosswaveClient client;
    private final ServiceBackend backend;
    private final ServiceManager manager;
    private final DaemonEvents events;
    private final String path;
    private final ExecutorService readers = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "spawnd-logs");
        t.setDaemon(true);
        return t;
    });

    /** Answers on {@code path}'s log signals, reading output through {@code backend}. */
    public LogsRequestHandler(BosswaveClient client, ServiceBackend backend, ServiceManager manager, DaemonEvents events,
                              String path) {
        this.client = client;
        this.backend = backend;
        this.manager = manager;
        this.events = events;
        this.path = path;
    }

    /**
     * Takes one request from the {@code logs} slot (a {@link LogsRequest}) and answers it on another thread with the
     * service's output since the requested time; a malformed request or an unknown service is logged as a failure.
     */
    public void handle(byte[] msgpack) {
        LogsRequest req;
        try {
            req = LogsRequest.decode(msgpack);
        } catch (IllegalArgumentException e) {
            events.log("", DaemonEvents.failure("Malformed logs request: " + e.getMessage()));
            return;
        }
        readers.execute(() -> answer(req));
    }

    private void answer(LogsRequest req) {
        String svc = req.svcName();
        var container = manager.containerOf(svc);
        List<String> lines = new ArrayList<>();
        if (container.isEmpty()) {
            events.log(svc, DaemonEvents.failure("Service not found"));
        } else {
            try (AutoCloseable stream = backend.followLogs(container.get(), Instant.ofEpochSecond(req.startTimeSecs())
                    .minusNanos(1), line -> {
                        synchronized (lines) {
                            lines.add(line.text());
                        }
                    }, () -> { })) {
                Thread.sleep(READ_FOR.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                LOG.warn("Reading the logs of {} failed: {}", svc, e.getMessage());
            }
        }
        List<String> copy;
        synchronized (lines) {
            copy = List.copyOf(lines);
        }
        String uri = SpawnUris.logsSignal(path, svc);
        try {
            for (int i = 0; i < copy.size(); i += LogsResponse.MAX_BATCH) {
                List<String> batch = copy.subList(i, Math.min(copy.size(), i + LogsResponse.MAX_BATCH));
                client.publish(PublishParams.uri(uri).autoChain(true)
                        .payload(new LogsResponse(req.nonce(), batch).toPayloadObject()));
            }
            client.publish(PublishParams.uri(uri).autoChain(true)
                    .payload(new LogsResponse(req.nonce(), List.of()).toPayloadObject()));
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the logs of {}: {}", svc, e.getMessage());
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
