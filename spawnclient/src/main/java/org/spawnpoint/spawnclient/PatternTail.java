package org.spawnpoint.spawnclient;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.LogsRequest;
import org.spawnpoint.spawnclient.model.LogsResponse;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnclient.model.UriGlob;

/**
 * {@link SpawnClient#tailMatching}: one wildcard subscription on the log signals of every spawnpoint the pattern can
 * match ({@link UriGlob#bosswavePattern()}), filtered here by the element globs and the service glob, so that
 * spawnpoints and services that appear later are followed without asking again. With a start time, the history of
 * each service that has a heartbeat now is asked for first (0.5 {@code slot/logs}, all at once) and printed per
 * service, and the live messages that arrive meanwhile are held back and printed after it.
 */
final class PatternTail {
    private static final Logger log = LoggerFactory.getLogger(PatternTail.class);
    /**
     * Live messages held back while history is fetched, at most: a burst beyond it is dropped with a warning rather
     * than growing without bound (history takes about 2 s per service on spawnd, two at a time).
     */
    static final int MAX_HELD = 10_000;

    private final BosswaveClient bw;
    private final Clock clock;
    private final Duration logsTimeout;

    PatternTail(BosswaveClient bw, Clock clock, Duration logsTimeout) {
        this.bw = bw;
        this.clock = clock;
        this.logsTimeout = logsTimeout;
    }

    LogTail start(UriGlob spawnpoints, UriGlob services, Instant since, Consumer<FleetLogEntry> sink,
                  Consumer<String> warnings) {
        String base = spawnpoints.literalPrefix();
        String what = "Cannot tail " + services + " on " + spawnpoints + ": ";
        Held held = new Held(sink, since != null);
        Subscription live;
        try {
            live = bw.subscribe(SubscribeParams.uri(spawnpoints.bosswavePattern() + SpawnUris.INTERFACE_SUFFIX
                    + "/signal/log").autoChain(true), m -> {
                        String routerUri = spawnpointOf(m.uri(), "/signal/log");
                        Optional<PayloadObject> po = m.payload(LogEntry.PO_TYPE);
                        if (routerUri == null || po.isEmpty()) {
                            return;
                        }
                        String uri = BosswaveSpawnClient.inCallerNamespace(base, routerUri);
                        LogEntry e;
                        try {
                            e = LogEntry.decode(po.get().content());
                        } catch (IllegalArgumentException ex) {
                            log.warn("Received a malformed log message at {}: {}", m.uri(), ex.getMessage());
                            return;
                        }
                        // Messages about no service (a config that did not parse) are the daemon's, not a service's.
                        if (!e.service().isEmpty() && spawnpoints.matches(uri) && services.matches(e.service())) {
                            held.accept(new FleetLogEntry(uri, e.service(), e.spAlias(), Optional.of(e.time()),
                                    e.contents(), false));
                        }
                    });
        } catch (BosswaveException e) {
            throw new SpawnClientException(spawnpoints.text(), null, what + "failed to subscribe to the log signals: "
                    + e.getMessage(), e);
        }
        if (since != null) {
            try {
                replay(spawnpoints, services, since, held, warnings, what);
            } catch (RuntimeException e) {
                close(live);
                throw e;
            }
            int dropped = held.release();
            if (dropped > 0) {
                warnings.accept(dropped + " live log messages arrived while the history was fetched and were dropped"
                        + " (at most " + MAX_HELD + " are held)");
            }
        }
        return new LogTail() {
            @Override
            public CompletableFuture<Void> ended() {
                return live.ended();
            }

            @Override
            public CompletableFuture<Outcome> outcome() {
                return new CompletableFuture<>();
            }

            @Override
            public void close() {
                PatternTail.close(live);
            }
        };
    }

    /** One history request: a service on a spawnpoint, and the batches answering it. */
    private record Request(String uri, String routerUri, String service, long nonce,
                           LinkedBlockingQueue<LogsResponse> batches) {
    }

    private void replay(UriGlob spawnpoints, UriGlob services, Instant since, Held held, Consumer<String> warnings,
                        String what) {
        String heartbeats = spawnpoints.bosswavePattern() + SpawnUris.HEARTBEAT_SUFFIX + "/"
                + (services.isLiteral() ? services.text() : "+");
        List<Message> found;
        try {
            found = bw.query(QueryParams.uri(heartbeats));
        } catch (BosswaveException e) {
            throw new SpawnClientException(spawnpoints.text(), null, what + "could not list the services: "
                    + e.getMessage(), e);
        }
        String base = spawnpoints.literalPrefix();
        Instant now = clock.instant();
        SecureRandom random = new SecureRandom();
        Map<Long, Request> byNonce = new ConcurrentHashMap<>();
        List<Request> requests = new ArrayList<>();
        for (Message m : found) {
            String name = SpawnUris.serviceFromHeartbeat(m.uri());
            Optional<PayloadObject> po = m.payload(ServiceHeartbeat.PO_TYPE);
            if (name == null || po.isEmpty() || !services.matches(name)) {
                continue;
            }
            String routerUri = m.uri().substring(0, m.uri().length() - name.length() - 1
                    - SpawnUris.HEARTBEAT_SUFFIX.length());
            String uri = BosswaveSpawnClient.inCallerNamespace(base, routerUri);
            try {
                ServiceHeartbeat hb = ServiceHeartbeat.decode(po.get().content());
                // Only services a live spawnpoint reports now: a long-gone one would only time out.
                if (!spawnpoints.matches(uri) || Duration.between(hb.time(), now).compareTo(SpawnClient.ALIVE_WITHIN) >= 0) {
                    continue;
                }
            } catch (IllegalArgumentException e) {
                continue;
            }
            Request r = new Request(uri, routerUri, name, random.nextLong() & Long.MAX_VALUE, new LinkedBlockingQueue<>());
            byNonce.put(r.nonce(), r);
            requests.add(r);
        }
        if (requests.isEmpty()) {
            return;
        }
        requests.sort(Comparator.comparing(Request::uri).thenComparing(Request::service));
        Subscription answers;
        try {
            answers = bw.subscribe(SubscribeParams.uri(spawnpoints.bosswavePattern() + SpawnUris.INTERFACE_SUFFIX
                    + "/signal/logs/+").autoChain(true), m -> {
                        Optional<PayloadObject> po = m.payload(LogsResponse.PO_TYPE);
                        if (po.isEmpty()) {
                            return;
                        }
                        try {
                            LogsResponse r = LogsResponse.decode(po.get().content());
                            Request req = byNonce.get(r.nonce());
                            if (req != null) {
                                req.batches().add(r);
                            }
                        } catch (IllegalArgumentException e) {
                            log.warn("Received a malformed logs response at {}: {}", m.uri(), e.getMessage());
                        }
                    });
        } catch (BosswaveException e) {
            throw new SpawnClientException(spawnpoints.text(), null, what + "failed to subscribe to the logs signals: "
                    + e.getMessage(), e);
        }
        try {
            for (Request r : requests) {
                LogsRequest req = new LogsRequest(r.service(), r.nonce(), since.getEpochSecond());
                try {
                    bw.publish(PublishParams.uri(SpawnUris.logsSlot(r.routerUri())).autoChain(true)
                            .payload(req.toPayloadObject()));
                } catch (BosswaveException e) {
                    warnings.accept("no history of " + r.service() + " on " + r.uri() + ": " + e.getMessage());
                    byNonce.remove(r.nonce());
                }
            }
            for (Request r : requests) {
                if (byNonce.containsKey(r.nonce())) {
                    collect(r, held, warnings);
                }
            }
        } finally {
            close(answers);
        }
    }

    /** Hands one service's history to the sink, in order, until the spawnpoint's end mark. */
    private void collect(Request r, Held held, Consumer<String> warnings) {
        try {
            while (true) {
                LogsResponse batch = r.batches().poll(logsTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (batch == null) {
                    warnings.accept("no history of " + r.service() + " on " + r.uri() + ": no answer within "
                            + GoFormats.duration(logsTimeout) + " (log retrieval needs a spawnd of version 0.5 or later)");
                    return;
                }
                if (batch.isEnd()) {
                    return;
                }
                for (String line : batch.messages()) {
                    held.history(new FleetLogEntry(r.uri(), r.service(), "", Optional.empty(), line, true));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpawnClientException(r.uri(), r.service(), "Interrupted while fetching the history of "
                    + r.service() + " on " + r.uri(), e);
        }
    }

    /** {@code P} (router form) from the URI of a message on {@code IF<suffix>}, or null when it is not one. */
    static String spawnpointOf(String uri, String suffix) {
        String tail = SpawnUris.INTERFACE_SUFFIX + suffix;
        return uri != null && uri.endsWith(tail) ? uri.substring(0, uri.length() - tail.length()) : null;
    }

    private static void close(Subscription s) {
        try {
            s.close();
        } catch (BosswaveException e) {
            // Already gone with the connection.
        }
    }

    /** The sink, with live messages held back (boundedly) while history is handed over. */
    private static final class Held {
        private final Consumer<FleetLogEntry> sink;
        private final ArrayDeque<FleetLogEntry> queue = new ArrayDeque<>();
        private boolean holding;
        private int dropped;

        Held(Consumer<FleetLogEntry> sink, boolean holding) {
            this.sink = sink;
            this.holding = holding;
        }

        synchronized void accept(FleetLogEntry e) {
            if (!holding) {
                sink.accept(e);
            } else if (queue.size() < MAX_HELD) {
                queue.add(e);
            } else {
                dropped++;
            }
        }

        synchronized void history(FleetLogEntry e) {
            sink.accept(e);
        }

        /** Hands over what was held and stops holding; returns how many were dropped. */
        synchronized int release() {
            holding = false;
            while (!queue.isEmpty()) {
                sink.accept(queue.poll());
            }
            return dropped;
        }
    }
}
