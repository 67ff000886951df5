package org.spawnpoint.spawnd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.SealKeyPair;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.backend.ServiceBackend;
import org.spawnpoint.spawnd.daemon.BosswavePublisher;
import org.spawnpoint.spawnd.daemon.ConfigAdmission;
import org.spawnpoint.spawnd.daemon.CrashBackoff;
import org.spawnpoint.spawnd.daemon.Deployment;
import org.spawnpoint.spawnd.daemon.LogsRequestHandler;
import org.spawnpoint.spawnd.daemon.ManifestStore;
import org.spawnpoint.spawnd.daemon.ResourcePool;
import org.spawnpoint.spawnd.daemon.SealKeyStore;
import org.spawnpoint.spawnd.daemon.ServiceManager;
import org.yaml.snakeyaml.Yaml;

/**
 * A running spawnpoint: the BOSSWAVE side (slots, heartbeats, metadata, logs) around a {@link ServiceManager}.
 * Start with {@link #start}; {@link #close} leaves containers running for the next start to re-adopt.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    static final long HEARTBEAT_SECONDS = 5;

    private final DaemonConfig config;
    private final BosswaveClient client;
    private final ServiceBackend backend;
    private final ResourcePool pool;
    private final ServiceManager manager;
    private final BosswavePublisher publisher;
    private final ScheduledExecutorService ticker;
    private final Map<String, String> metadata;
    private final LogsRequestHandler logsRequests;
    private final SealKeyPair sealKeys;
    private final ConfigAdmission admission;
    private Service service;
    private AutoCloseable eventMonitor;
    private List<Subscription> slots = List.of();
    /** The router running inside this process ({@code embeddedRouter}), or null. */
    private Router router;

    private Daemon(DaemonConfig config, Map<String, String> metadata, BosswaveClient client, ServiceBackend backend,
                   ManifestStore store, CrashBackoff backoff, SealKeyPair sealKeys) {
        this.config = config;
        this.metadata = metadata;
        this.client = client;
        this.backend = backend;
        this.pool = new ResourcePool(config.memAllocMiB(), config.cpuShares());
        this.publisher = new BosswavePublisher(client, config.path(), config.alias());
        this.sealKeys = sealKeys;
        this.manager = new ServiceManager(backend, pool, store, publisher,
                config.deploymentPolicy().withSealKeys(config.path(), sealKeys), config.path(), backoff);
        this.admission = new ConfigAdmission(manager, publisher);
        this.logsRequests = new LogsRequestHandler(client, backend, manager, publisher, config.path());
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "spawnd-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the router and the engine, recovers the previous state, and starts serving the slots.
     *
     * @param backendFactory makes the backend for this daemon's instance id (kept in the state directory)
     */
    public static Daemon start(DaemonConfig config, Map<String, String> metadata,
                               java.util.function.Function<String, ServiceBackend> backendFactory,
                               CrashBackoff backoff) throws Exception {
        ManifestStore store = new ManifestStore(config.stateDir());
        SealKeyPair sealKeys = SealKeyStore.loadOrCreate(config.stateDir());
        Router router = config.embeddedRouter() == null ? null : startRouter(config);
        BosswaveClient client;
        try {
            client = Bosswave.connect(ClientOptions.builder().address(config.localRouter()).autoReconnect(true).build());
        } catch (RuntimeException | Error e) {
            if (router != null) {
                router.close();
            }
            throw e;
        }
        try {
            client.setEntityFile(config.entity());
            ServiceBackend backend = backendFactory.apply(store.instanceId());
            Daemon d = new Daemon(config, metadata, client, backend, store, backoff, sealKeys);
            d.router = router;
            d.begin();
            return d;
        } catch (Exception | Error e) {
            client.close();
            if (router != null) {
                router.close();
            }
            throw e;
        }
    }

    /**
     * Warns when service containers cannot reach {@code containerRouter} (a router listening on loopback only, a
     * firewall): every service would fail to connect, long after this start looked fine.
     */
    private void checkContainerRouter() {
        String address = config.containerRouter().trim();
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : address;
        int port;
        try {
            port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : ClientOptions.DEFAULT_PORT;
        } catch (NumberFormatException e) {
            LOG.warn("containerRouter '{}' has no numeric port; services get it as BW2_AGENT as it is", address);
            return;
        }
        backend.reachableFromContainers(org.spawnpoint.spawnd.backend.ImageSpec.DEFAULT_BASE_IMAGE, host, port)
                .ifPresentOrElse(problem -> LOG.warn("containerRouter {} cannot be reached from a service container: {}."
                        + " Services will not reach the router. Make it listen there (bw2 router --also-listen {}, or"
                        + " embeddedRouter.alsoListen in this config), or set containerRouter to an address containers"
                        + " can reach (the Docker bridge's gateway, usually 172.17.0.1)", address, problem, address),
                        () -> LOG.info("containerRouter {} is reachable from service containers", address));
    }

    private static Router startRouter(DaemonConfig config) {
        try {
            Router r = Router.start(config.embeddedRouter());
            LOG.info("Embedded BOSSWAVE router on {}{}, data in {}", r.listenAddress(),
                    config.embeddedRouter().alsoListen().isEmpty() ? ""
                            : " and " + String.join(", ", config.embeddedRouter().alsoListen()),
                    config.embeddedRouter().dataDir());
            return r;
        } catch (RuntimeException e) {
            throw new IllegalStateException("the embedded router (embeddedRouter in the config) could not start: "
                    + e.getMessage() + "; is another router or spawnd already listening there?", e);
        }
    }

    private void begin() throws InterruptedException {
        eventMonitor = backend.monitorEvents(manager::onBackendEvent);
        manager.recover();
        service = client.registerService(config.path(), SpawnUris.SERVICE);
        ServiceInterface iface = service.registerInterface("server", "i.spawnpoint");
        slots = List.of(
                iface.subscribeSlot("config", this::onConfig),
                iface.subscribeSlot("restart", m -> serviceName(m, "restart").ifPresent(manager::restart)),
                iface.subscribeSlot("stop", m -> serviceName(m, "stop").ifPresent(manager::stop)),
                iface.subscribeSlot("logs", m -> m.payload(PoNum.MSGPACK).ifPresentOrElse(
                        p -> logsRequests.handle(p.content()),
                        () -> publisher.log("", "[FAILURE] The logs request has no msgpack PO 2.0.0.0"))));
        ticker.scheduleAtFixedRate(this::tick, 0, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        if (config.containerRouter() != null && !config.containerRouter().isBlank()) {
            Thread probe = new Thread(this::checkContainerRouter, "spawnd-router-probe");
            probe.setDaemon(true);
            probe.start();
        }
        LOG.info("Spawnpoint Daemon - Version {} serving {} ({} MiB, {} CPU shares)", SpawndMain.VERSION,
                config.path(), config.memAllocMiB(), config.cpuShares());
    }

    private void onConfig(Message m) {
        var yaml = m.payload(PoNum.SPAWNPOINT_CONFIG);
        if (yaml.isEmpty()) {
            publisher.log("", "[FAILURE] Failed to launch service: the config message has no YAML PO 67.0.2.0 (got "
                    + m.payloadObjects().stream().map(PayloadObject::dottedType).toList() + ")");
            return;
        }
        // Raw bytes only here: the size check comes before any text or YAML work, and parsing happens elsewhere.
        admission.admit(yaml.get().content(), m.payload(PoNum.STRING).map(PayloadObject::content).orElse(null));
    }

    private java.util.Optional<String> serviceName(Message m, String slot) {
        var po = m.payload(PoNum.STRING);
        if (po.isEmpty()) {
            publisher.log("", "[FAILURE] The " + slot + " request has no String PO 64.0.1.0 naming the service (got "
                    + m.payloadObjects().stream().map(PayloadObject::dottedType).toList() + ")");
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(po.get().contentAsString().trim());
    }

    private void tick() {
        try {
            DaemonHeartbeat hb = new DaemonHeartbeat(config.alias(), System.currentTimeMillis() * 1_000_000L,
                    pool.totalMemMiB(), pool.totalCpuShares(), pool.availableMemMiB(), pool.availableCpuShares(),
                    sealKeys.publicKey());
            publisher.publishNow(PublishParams.uri(SpawnUris.heartbeat(config.path())).autoChain(true).persist(true)
                    .payload(hb.toPayloadObject()));
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                service.setMetadata(e.getKey(), e.getValue());
            }
        } catch (RuntimeException e) {
            LOG.warn("Failed to publish heartbeat: {}", e.getMessage());
        }
        manager.publishServiceHeartbeats();
    }

    /** The services and their lifecycles (tests and the embedding code wait on it). */
    public ServiceManager manager() {
        return manager;
    }

    /** The memory and CPU pools, as deploys and stops have left them. */
    public ResourcePool pool() {
        return pool;
    }

    /** Reads a flat YAML mapping of metadata (§1.3); scalar values are taken as text. */
    static Map<String, String> loadMetadata(Path file) throws IOException {
        Object root = new Yaml().load(Files.readString(file));
        Map<String, String> out = new LinkedHashMap<>();
        if (root == null) {
            return out;
        }
        if (!(root instanceof Map<?, ?> map)) {
            throw new IOException("metadata file " + file + ": expected a mapping of key: value");
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> || e.getValue() instanceof List<?>) {
                throw new IOException("metadata file " + file + ": key '" + e.getKey()
                        + "' must have a text value, not a " + (e.getValue() instanceof Map<?, ?> ? "mapping" : "list"));
            }
            out.put(String.valueOf(e.getKey()), e.getValue() == null ? "" : String.valueOf(e.getValue()));
        }
        return out;
    }

    /** Stops serving; containers keep running. */
    @Override
    public void close() {
        ticker.shutdownNow();
        for (Subscription s : slots) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("unsubscribe: {}", e.getMessage());
            }
        }
        if (service != null) {
            service.close();
        }
        try {
            if (eventMonitor != null) {
                eventMonitor.close();
            }
        } catch (Exception e) {
            LOG.debug("event monitor close: {}", e.getMessage());
        }
        try {
            publisher.flush(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        publisher.close();
        logsRequests.close();
        manager.close();
        backend.close();
        client.close();
        if (router != null) {
            router.close();
        }
    }
}
