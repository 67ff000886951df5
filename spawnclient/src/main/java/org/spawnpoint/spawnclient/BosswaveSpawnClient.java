package org.spawnpoint.spawnclient;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.IncludedFiles;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.LogsRequest;
import org.spawnpoint.spawnclient.model.LogsResponse;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * {@link SpawnClient} over a {@link BosswaveClient}, sending what the original spawnclient sends: heartbeat queries
 * without autochain, log subscriptions and slot publishes with autochain, the config as PO 67.0.2.0 followed by the
 * optional include tar as a String PO.
 */
final class BosswaveSpawnClient implements SpawnClient {
    private static final Logger log = LoggerFactory.getLogger(BosswaveSpawnClient.class);
    /** How long {@link #logs} waits for the next batch before giving up. */
    static final Duration LOGS_SILENCE_TIMEOUT = Duration.ofSeconds(10);

    private final BosswaveClient bw;
    private final boolean ownsConnection;
    private final Clock clock;
    private final Duration logsTimeout;

    BosswaveSpawnClient(BosswaveClient bw, boolean ownsConnection, Clock clock, Duration logsTimeout) {
        this.bw = bw;
        this.ownsConnection = ownsConnection;
        this.clock = clock;
        this.logsTimeout = logsTimeout;
    }

    @Override
    public Map<String, Spawnpoint> scan(String baseUri) {
        String base = requireUri(baseUri, null);
        List<Message> found;
        try {
            found = bw.query(QueryParams.uri(SpawnUris.scanPattern(base)));
        } catch (BosswaveException e) {
            throw new SpawnClientException(base, null, "Cannot scan " + base + ": " + e.getMessage(), e);
        }
        Map<String, Spawnpoint> out = new TreeMap<>();
        for (Message m : found) {
            String routerUri = SpawnUris.spawnpointFromHeartbeat(m.uri());
            Optional<DaemonHeartbeat> hb = daemonHeartbeat(m);
            if (routerUri == null || hb.isEmpty()) {
                continue;
            }
            String uri = inCallerNamespace(base, routerUri);
            Spawnpoint sp = Spawnpoint.of(uri, routerUri, hb.get());
            out.merge(uri, sp, (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
        }
        return out;
    }

    @Override
    public SpawnpointDetails inspect(String spawnpointUri) {
        String uri = requireUri(spawnpointUri, null);
        List<Message> found;
        Map<String, MetadataTuple> metadata;
        try {
            found = bw.query(QueryParams.uri(SpawnUris.serviceHeartbeats(uri)));
            metadata = bw.getMetadata(SpawnUris.serviceUri(uri));
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, null, "Cannot inspect " + uri + ": " + e.getMessage(), e);
        }
        Spawnpoint sp = null;
        Map<String, ServiceInfo> services = new LinkedHashMap<>();
        for (Message m : found) {
            Optional<PayloadObject> svc = m.payload(ServiceHeartbeat.PO_TYPE);
            if (svc.isPresent()) {
                try {
                    ServiceHeartbeat hb = ServiceHeartbeat.decode(svc.get().content());
                    String name = hb.name().isEmpty() ? SpawnUris.serviceFromHeartbeat(m.uri()) : hb.name();
                    if (name != null) {
                        services.merge(name, ServiceInfo.of(name, hb),
                                (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
                    }
                } catch (IllegalArgumentException e) {
                    log.warn("Received malformed service heartbeat at {}: {}", m.uri(), e.getMessage());
                }
                continue;
            }
            String routerUri = SpawnUris.spawnpointFromHeartbeat(m.uri());
            Optional<DaemonHeartbeat> hb = daemonHeartbeat(m);
            if (routerUri != null && hb.isPresent()) {
                sp = Spawnpoint.of(uri, routerUri, hb.get());
            }
        }
        return new SpawnpointDetails(uri, Optional.ofNullable(sp), services, metadata);
    }

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log) {
        return deploy(spawnpointUri, config, workDir, log, w -> { });
    }

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log,
                          Consumer<String> warnings) {
        return deploy(spawnpointUri, config, workDir, log, warnings, null);
    }

    @Override
    public LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, MintedEntity entity,
                          Consumer<LogEntry> log, Consumer<String> warnings) {
        return deploy(spawnpointUri, config, workDir, log, warnings, java.util.Objects.requireNonNull(entity));
    }

    @Override
    public Optional<MintedEntity> mintEntity(String spawnpointUri, String serviceName) {
        String uri = requireUri(spawnpointUri, serviceName);
        return Optional.of(ServiceEntities.mint(bw, uri, serviceName, "Cannot deploy " + serviceName + " to " + uri
                + ": "));
    }

    /** A deploy; {@code minted}, when given, is the entity of a config that names none (else one is made). */
    private LogTail deploy(String spawnpointUri, ServiceConfig config, Path workDir, Consumer<LogEntry> log,
                           Consumer<String> warnings, MintedEntity minted) {
        String uri = requireUri(spawnpointUri, config.serviceName());
        String name = config.serviceName();
        String what = "Cannot deploy " + (name.isEmpty() ? "service" : name) + " to " + uri + ": ";
        byte[] tar;
        byte[] entity;
        try {
            entity = ServiceEntities.checkedEntity(config, workDir);
            tar = IncludedFiles.pack(config.includedFiles(), config.includedDirs(), workDir);
        } catch (ConfigException | UncheckedIOException e) {
            throw new SpawnClientException(uri, name, what + e.getMessage(), e);
        }
        DaemonHeartbeat hb = requireAlive(uri, name, what);
        if (entity == null) {
            entity = (minted != null ? minted : ServiceEntities.mint(bw, uri, name, what)).keyFile();
        } else if (minted != null) {
            throw new SpawnClientException(uri, name, what + "the config names its own entity; a made one is for"
                    + " configs without 'entity'");
        }
        ServiceEntities.Wire wire = ServiceEntities.wireForm(hb, uri, config, entity, tar, warnings);
        LogTail tail = subscribeLog(uri, name, log, what, OutcomeWatcher.Kind.START);
        List<PayloadObject> pos = new ArrayList<>();
        pos.add(PayloadObject.ofText(org.spawnpoint.bosswave.payload.PoNum.SPAWNPOINT_CONFIG, wire.config().toYaml()));
        if (wire.includes() != null) {
            pos.add(IncludedFiles.toPayloadObject(wire.includes()));
        }
        publish(SpawnUris.configSlot(uri), pos, tail, uri, name, what + "failed to publish the configuration: ");
        return tail;
    }

    @Override
    public LogTail restart(String spawnpointUri, String service, Consumer<LogEntry> log) {
        return command(spawnpointUri, service, log, "restart", SpawnUris.restartSlot(requireUri(spawnpointUri, service)),
                OutcomeWatcher.Kind.START);
    }

    @Override
    public LogTail stop(String spawnpointUri, String service, Consumer<LogEntry> log) {
        return command(spawnpointUri, service, log, "stop", SpawnUris.stopSlot(requireUri(spawnpointUri, service)),
                OutcomeWatcher.Kind.STOP);
    }

    private LogTail command(String spawnpointUri, String service, Consumer<LogEntry> log, String verb, String slot,
                            OutcomeWatcher.Kind kind) {
        String uri = requireUri(spawnpointUri, service);
        String what = "Cannot " + verb + " " + service + " on " + uri + ": ";
        requireService(uri, service, what);
        requireAlive(uri, service, what);
        requireKnown(uri, service, what);
        LogTail tail = subscribeLog(uri, service, log, what, kind);
        publish(slot, List.of(PayloadObject.ofString(service)), tail, uri, service, what + "failed to publish the request: ");
        return tail;
    }

    @Override
    public LogTail tail(String spawnpointUri, String service, Consumer<LogEntry> log) {
        String uri = requireUri(spawnpointUri, service);
        String what = "Cannot tail " + service + " on " + uri + ": ";
        requireService(uri, service, what);
        requireAlive(uri, service, what);
        requireKnown(uri, service, what);
        return subscribeLog(uri, service, log, what, OutcomeWatcher.Kind.NONE);
    }

    @Override
    public void logs(String spawnpointUri, String service, Instant since, Consumer<String> lines) {
        String uri = requireUri(spawnpointUri, service);
        String what = "Cannot get the logs of " + service + " on " + uri + ": ";
        requireService(uri, service, what);
        requireAlive(uri, service, what);
        requireKnown(uri, service, what);
        // A random nonce tells our answers from those to other clients asking at the same time.
        long nonce = new SecureRandom().nextLong() & Long.MAX_VALUE;
        LinkedBlockingQueue<LogsResponse> batches = new LinkedBlockingQueue<>();
        Subscription sub;
        try {
            sub = bw.subscribe(SubscribeParams.uri(SpawnUris.logsSignal(uri, service)).autoChain(true), m -> {
                Optional<PayloadObject> po = m.payload(LogsResponse.PO_TYPE);
                if (po.isEmpty()) {
                    return;
                }
                try {
                    LogsResponse r = LogsResponse.decode(po.get().content());
                    if (r.nonce() == nonce) {
                        batches.add(r);
                    }
                } catch (IllegalArgumentException e) {
                    BosswaveSpawnClient.log.warn("Received a malformed logs response at {}: {}", m.uri(), e.getMessage());
                }
            });
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, service, what + "failed to subscribe to the logs signal: " + e.getMessage(), e);
        }
        try (sub) {
            LogsRequest req = new LogsRequest(service, nonce, since.getEpochSecond());
            try {
                bw.publish(PublishParams.uri(SpawnUris.logsSlot(uri)).autoChain(true).payload(req.toPayloadObject()));
            } catch (BosswaveException e) {
                throw new SpawnClientException(uri, service, what + "failed to publish the request: " + e.getMessage(), e);
            }
            while (true) {
                LogsResponse r = batches.poll(logsTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (r == null) {
                    throw new SpawnClientException(uri, service, what + "no answer from the spawnpoint within "
                            + GoFormats.duration(logsTimeout) + " (log retrieval needs a spawnd of version 0.5 or later)");
                }
                if (r.isEnd()) {
                    return;
                }
                r.messages().forEach(lines);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SpawnClientException(uri, service, what + "interrupted", e);
        }
    }

    @Override
    public Fleet fleet(String baseUri) {
        return FleetQueries.fleet(bw, requireUri(baseUri, null));
    }

    @Override
    public LogTail tailMatching(String spawnpointPattern, String servicePattern, Instant since,
                                Consumer<FleetLogEntry> log, Consumer<String> warnings) {
        org.spawnpoint.spawnclient.model.UriGlob sp = org.spawnpoint.spawnclient.model.UriGlob.uri(spawnpointPattern);
        org.spawnpoint.spawnclient.model.UriGlob svc = org.spawnpoint.spawnclient.model.UriGlob.name(
                servicePattern == null ? "*" : servicePattern);
        return new PatternTail(bw, clock, logsTimeout).start(sp, svc, since, log, warnings);
    }

    @Override
    public void close() {
        if (ownsConnection) {
            bw.close();
        }
    }

    private static String requireUri(String uri, String service) {
        if (uri == null || uri.isBlank()) {
            throw new SpawnClientException(uri, service, "No spawnpoint URI given");
        }
        return SpawnUris.base(uri.strip());
    }

    private static void requireService(String uri, String service, String what) {
        try {
            ServiceConfig.checkServiceName(service);
        } catch (ConfigException e) {
            throw new SpawnClientException(uri, service, what + e.problem().replace("is missing: ", ""));
        }
    }

    /** Finds the spawnpoint by its exact URI (not by alias, unlike the original) and requires a recent heartbeat. */
    private DaemonHeartbeat requireAlive(String uri, String service, String what) {
        List<Message> found;
        try {
            found = bw.query(QueryParams.uri(SpawnUris.heartbeat(uri)));
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, service, what + "the spawnpoint scan failed: " + e.getMessage(), e);
        }
        Spawnpoint newest = null;
        DaemonHeartbeat newestHb = null;
        for (Message m : found) {
            Optional<DaemonHeartbeat> hb = daemonHeartbeat(m);
            if (hb.isPresent() && (newest == null || hb.get().time().isAfter(newest.lastSeen()))) {
                newest = Spawnpoint.of(uri, m.uri(), hb.get());
                newestHb = hb.get();
            }
        }
        if (newest == null) {
            throw new SpawnClientException(uri, service, what + "no spawnpoint exists at " + uri);
        }
        Instant now = clock.instant();
        if (!newest.isAlive(now)) {
            throw new SpawnClientException(uri, service, what + "the spawnpoint appears down (last seen "
                    + GoFormats.duration(truncate(newest.age(now))) + " ago)");
        }
        return newestHb;
    }

    /**
     * Requires that the spawnpoint has a heartbeat of the service, of any age (a stopped service within its zombie
     * period can still be restarted). The error lists the services it does know.
     */
    private void requireKnown(String uri, String service, String what) {
        List<Message> found;
        try {
            found = bw.query(QueryParams.uri(SpawnUris.serviceHeartbeats(uri)));
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, service, what + "could not list its services: " + e.getMessage(), e);
        }
        java.util.TreeSet<String> known = new java.util.TreeSet<>();
        for (Message m : found) {
            if (m.payload(ServiceHeartbeat.PO_TYPE).isEmpty()) {
                continue;
            }
            String name = SpawnUris.serviceFromHeartbeat(m.uri());
            if (name != null) {
                known.add(name);
            }
        }
        if (!known.contains(service)) {
            throw new SpawnClientException(uri, service, what + "the spawnpoint has no service named '" + service
                    + "' (" + (known.isEmpty() ? "it runs no services" : "its services: " + String.join(", ", known))
                    + "); see 'spawnctl inspect -u " + uri + "'");
        }
    }

    private LogTail subscribeLog(String uri, String service, Consumer<LogEntry> sink, String what,
                                 OutcomeWatcher.Kind kind) {
        OutcomeWatcher watcher = new OutcomeWatcher(kind);
        try {
            Subscription sub = bw.subscribe(SubscribeParams.uri(SpawnUris.log(uri)).autoChain(true), m -> {
                Optional<PayloadObject> po = m.payload(LogEntry.PO_TYPE);
                if (po.isEmpty()) {
                    return;
                }
                LogEntry e;
                try {
                    e = LogEntry.decode(po.get().content());
                } catch (IllegalArgumentException ex) {
                    log.warn("Received a malformed log message at {}: {}", m.uri(), ex.getMessage());
                    return;
                }
                // The log signal is shared by every service of the spawnpoint.
                if (e.service().equals(service)) {
                    sink.accept(e);
                    watcher.accept(e);
                }
            });
            return new SubscriptionTail(sub, watcher.outcome());
        } catch (BosswaveException e) {
            throw new SpawnClientException(uri, service, what + "failed to subscribe to the service log: " + e.getMessage(), e);
        }
    }

    private void publish(String slot, List<PayloadObject> pos, LogTail tail, String uri, String service, String what) {
        try {
            bw.publish(PublishParams.uri(slot).autoChain(true).payloads(pos));
        } catch (BosswaveException e) {
            tail.close();
            throw new SpawnClientException(uri, service, what + e.getMessage(), e);
        }
    }

    static Optional<DaemonHeartbeat> daemonHeartbeat(Message m) {
        Optional<PayloadObject> po = m.payload(DaemonHeartbeat.PO_TYPE);
        if (po.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(DaemonHeartbeat.decode(po.get().content()));
        } catch (IllegalArgumentException e) {
            log.warn("Received a malformed spawnpoint heartbeat at {}: {}", m.uri(), e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * The router reports URIs with the namespace as its VK; show them in the namespace form the caller used, since
     * the query was made in that namespace (the original resolved the VK back to an alias for the same purpose).
     */
    static String inCallerNamespace(String base, String routerUri) {
        int b = base.indexOf('/');
        int r = routerUri.indexOf('/');
        String ns = b < 0 ? base : base.substring(0, b);
        if (r < 0 || ns.isEmpty() || ns.equals("*") || ns.equals("+")) {
            return routerUri;
        }
        return ns + routerUri.substring(r);
    }

    static Path resolve(Path workDir, String path) {
        String p = path;
        if (p.equals("~") || p.startsWith("~/")) {
            p = System.getProperty("user.home") + p.substring(1);
        }
        return workDir.resolve(p).normalize();
    }

    /** Ages are shown truncated to 10 ms, as the original prints them. */
    static Duration truncate(Duration d) {
        long tenMs = 10_000_000L;
        return Duration.ofNanos(d.toNanos() / tenMs * tenMs);
    }

    private record SubscriptionTail(Subscription sub, CompletableFuture<Outcome> outcome) implements LogTail {
        @Override
        public CompletableFuture<Void> ended() {
            return sub.ended();
        }

        @Override
        public void close() {
            try {
                sub.close();
            } catch (BosswaveException e) {
                // Already gone with the connection; nothing left to unsubscribe.
            }
        }
    }
}
