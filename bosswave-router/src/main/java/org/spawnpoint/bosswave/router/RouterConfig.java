package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Router settings. A config file is a Java properties file with these keys (all optional):
 * {@code listen} (HOST:PORT, default 127.0.0.1:28589), {@code alsoListen} (more HOST:PORT addresses, comma-separated,
 * served the same way: e.g. the Docker bridge's gateway so that containers reach a router that other machines do not),
 * {@code data} (directory, default ./bw2-data),
 * {@code maxFrameBytes}, {@code maxSubscriptionsPerConnection}, {@code maxConnections}, {@code subscriptionQueue}
 * (results queued per subscription before a slow consumer loses it), {@code fsync}, {@code version},
 * {@code resultSignatures} and {@code busyPollMicros}, and the hostile-client bounds below.
 *
 * <p>Bounds on what a client can cost (defaults in parentheses; see bosswave-router/README.md):
 * {@code maxPendingFrameBytes} (256 MiB) value bytes held router-wide by frames still arriving, beyond 64 KiB per
 * connection; {@code maxConnectionsPerAddress} (64) connections from one source address;
 * {@code handshakeTimeoutMs} (10000) from accept to the first complete frame; {@code frameTimeoutMs} (60000) from a
 * frame's first byte to its last; {@code idleTimeoutMs} (300000) without a complete frame, for a connection that holds
 * no subscription; {@code registryWritesPerMinute} (60) registry writes over the wire per entity;
 * {@code maxRegistryObjectBytes} (16384) size of one entity, DOT, chain or revocation written over the wire.
 *
 * <p>{@code busyPollMicros} (default 0): how long a connection's reader keeps polling its socket after its input ran
 * dry before it sleeps. Waking a sleeping thread costs tens of microseconds on a virtual machine; polling saves that
 * for a client that sends again within the window, at the price of a busy core while it does (a latency/CPU trade
 * like Linux's SO_BUSY_POLL; worth it only for a few latency-critical connections).
 *
 * <p>{@code resultSignatures}: {@code on-demand} (default) delivers unpacked results in the form of router 2.4.15
 * (bosswave-oob.md §2.4: no {@code umid} and {@code signature} kvs) and signs a message only when its signed form is
 * needed: persisted messages, packed results ({@code unpack=false}). {@code always} signs every message and adds
 * {@code umid} and {@code signature} to every unpacked result, as routers since Nov 2016 do, at the price of one
 * Ed25519 signature per published message (about 30 µs of CPU). The signature is made by the router with the key the
 * client handed it, so it tells a subscriber nothing the router's delivery does not.
 *
 * <p>{@code cluster} (default: none, a single router): NATS server URLs, {@code nats://HOST:PORT}, comma-separated.
 * The router joins the NATS JetStream cluster they belong to, and every router so joined is one BOSSWAVE bus
 * (bosswave-router/README.md, "Many machines"). {@code clusterReplicas} (default 3): copies JetStream keeps of the
 * persisted messages and the registry; at most the number of JetStream servers of the cluster (1 for a lone server).
 */
public record RouterConfig(String host, int port, Path dataDir, int maxFrameBytes, int maxSubscriptionsPerConnection,
                           int maxConnections, int subscriptionQueue, boolean fsync, String version,
                           ResultSignatures resultSignatures, int busyPollMicros, long maxPendingFrameBytes,
                           int maxConnectionsPerAddress, int handshakeTimeoutMs, int frameTimeoutMs,
                           int idleTimeoutMs, int registryWritesPerMinute, int maxRegistryObjectBytes,
                           java.util.List<String> alsoListen, java.util.List<String> cluster, int clusterReplicas) {

    public static final String DEFAULT_LISTEN = "127.0.0.1:28589";
    public static final String DEFAULT_VERSION = "2.8.0 'Lepton'";

    /** When unpacked results carry {@code umid} and {@code signature}; see the class comment. */
    public enum ResultSignatures {
        ON_DEMAND("on-demand"), ALWAYS("always");

        private final String key;

        ResultSignatures(String key) {
            this.key = key;
        }

        /** The mode named {@code v}: {@code on-demand} or {@code always} (any case). */
        public static ResultSignatures parse(String v) {
            for (ResultSignatures r : values()) {
                if (r.key.equalsIgnoreCase(v.trim())) {
                    return r;
                }
            }
            throw new IllegalArgumentException("resultSignatures: expected on-demand or always, got '" + v + "'");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    public RouterConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("listen: host is empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("listen: port must be 0..65535 (0 picks a free port), got " + port);
        }
        if (dataDir == null) {
            throw new IllegalArgumentException("data: a data directory is required");
        }
        positive("maxFrameBytes", maxFrameBytes, 1024);
        positive("maxSubscriptionsPerConnection", maxSubscriptionsPerConnection, 1);
        positive("maxConnections", maxConnections, 1);
        positive("subscriptionQueue", subscriptionQueue, 1);
        if (busyPollMicros < 0 || busyPollMicros > 10_000) {
            throw new IllegalArgumentException("busyPollMicros: must be 0..10000 (microseconds), got " + busyPollMicros);
        }
        if (maxPendingFrameBytes < 1 << 20) {
            throw new IllegalArgumentException("maxPendingFrameBytes: must be at least 1048576 (1 MiB), got "
                    + maxPendingFrameBytes);
        }
        positive("maxConnectionsPerAddress", maxConnectionsPerAddress, 1);
        positive("handshakeTimeoutMs", handshakeTimeoutMs, 100);
        positive("frameTimeoutMs", frameTimeoutMs, 100);
        positive("idleTimeoutMs", idleTimeoutMs, 100);
        positive("registryWritesPerMinute", registryWritesPerMinute, 1);
        positive("maxRegistryObjectBytes", maxRegistryObjectBytes, 1024);
        if (resultSignatures == null) {
            throw new IllegalArgumentException("resultSignatures: expected on-demand or always");
        }
        alsoListen = alsoListen == null ? java.util.List.of() : java.util.List.copyOf(alsoListen);
        for (String a : alsoListen) {
            hostPort("alsoListen", a);
        }
        cluster = cluster == null ? java.util.List.of() : java.util.List.copyOf(cluster);
        for (String u : cluster) {
            natsUrl(u);
        }
        if (clusterReplicas < 1 || clusterReplicas > 5) {
            throw new IllegalArgumentException("clusterReplicas: must be 1..5 (JetStream's limit), got "
                    + clusterReplicas);
        }
    }

    /** Checks a {@code nats://HOST:PORT} URL; the error names the key {@code cluster}. */
    static void natsUrl(String u) {
        java.net.URI uri = null;
        try {
            uri = new java.net.URI(u);
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        boolean ok = uri != null && ("nats".equals(uri.getScheme()) || "tls".equals(uri.getScheme()))
                && uri.getHost() != null && uri.getPort() >= 1 && uri.getPort() <= 65535
                && (uri.getPath() == null || uri.getPath().isEmpty()) && uri.getQuery() == null;
        if (!ok) {
            throw new IllegalArgumentException("cluster: expected nats://HOST:PORT (or tls://HOST:PORT), port 1..65535, "
                    + "got '" + u + "'");
        }
    }

    /** {@code HOST:PORT} of an {@code alsoListen} address, split. */
    public static java.util.Map.Entry<String, Integer> hostPortOf(String address) {
        return hostPort("alsoListen", address);
    }

    /** Splits {@code HOST:PORT}; the error names {@code key}. */
    static java.util.Map.Entry<String, Integer> hostPort(String key, String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw new IllegalArgumentException(key + ": expected HOST:PORT, got '" + hostPort + "'");
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": port in '" + hostPort + "' is not a number");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(key + ": port must be 0..65535, got " + port);
        }
        return java.util.Map.entry(hostPort.substring(0, colon), port);
    }

    private static void positive(String key, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException(key + ": must be at least " + min + ", got " + v);
        }
    }

    /** A builder with the defaults (bosswave-router/README.md, Configuration). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.host = host;
        b.port = port;
        b.dataDir = dataDir;
        b.maxFrameBytes = maxFrameBytes;
        b.maxSubscriptionsPerConnection = maxSubscriptionsPerConnection;
        b.maxConnections = maxConnections;
        b.subscriptionQueue = subscriptionQueue;
        b.fsync = fsync;
        b.version = version;
        b.resultSignatures = resultSignatures;
        b.busyPollMicros = busyPollMicros;
        b.maxPendingFrameBytes = maxPendingFrameBytes;
        b.maxConnectionsPerAddress = maxConnectionsPerAddress;
        b.handshakeTimeoutMs = handshakeTimeoutMs;
        b.frameTimeoutMs = frameTimeoutMs;
        b.idleTimeoutMs = idleTimeoutMs;
        b.registryWritesPerMinute = registryWritesPerMinute;
        b.maxRegistryObjectBytes = maxRegistryObjectBytes;
        b.alsoListen = alsoListen;
        b.cluster = cluster;
        b.clusterReplicas = clusterReplicas;
        return b;
    }

    /** Mutable builder with the defaults; {@link #build()} validates. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 28589;
        private Path dataDir = Path.of("bw2-data");
        // As the client's default: a deploy may carry up to 32 MiB of included files, 43 MiB in base64.
        private int maxFrameBytes = 64 << 20;
        private int maxSubscriptionsPerConnection = 10_000;
        private int maxConnections = 1_000;
        private int subscriptionQueue = 4096;
        private boolean fsync = true;
        private String version = DEFAULT_VERSION;
        private ResultSignatures resultSignatures = ResultSignatures.ON_DEMAND;
        private int busyPollMicros;
        // Four deploys of the largest size at once; the heap (bin/bw2: -Xmx768m) keeps room for the frames themselves.
        private long maxPendingFrameBytes = 256L << 20;
        private int maxConnectionsPerAddress = 64;
        private int handshakeTimeoutMs = 10_000;
        // A 43 MiB deploy frame needs 6 Mbit/s to arrive within it.
        private int frameTimeoutMs = 60_000;
        private int idleTimeoutMs = 300_000;
        private int registryWritesPerMinute = 60;
        private int maxRegistryObjectBytes = 16 << 10;
        private java.util.List<String> alsoListen = java.util.List.of();
        private java.util.List<String> cluster = java.util.List.of();
        private int clusterReplicas = 3;

        /** {@code listen}: the main address, {@code HOST:PORT}. */
        public Builder listen(String hostPort) {
            int colon = hostPort.lastIndexOf(':');
            if (colon <= 0 || colon == hostPort.length() - 1) {
                throw new IllegalArgumentException("listen: expected HOST:PORT, got '" + hostPort + "'");
            }
            host = hostPort.substring(0, colon);
            try {
                port = Integer.parseInt(hostPort.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("listen: port in '" + hostPort + "' is not a number");
            }
            return this;
        }

        /** More addresses to listen on, each {@code HOST:PORT}; see the class comment. */
        public Builder alsoListen(java.util.List<String> v) {
            alsoListen = v;
            return this;
        }

        /** NATS server URLs to join as one bus (empty: a single router); see the class comment. */
        public Builder cluster(java.util.List<String> v) {
            cluster = v;
            return this;
        }

        /** JetStream replicas of the cluster's buckets (3 on a 3-node cluster; 1 for a single NATS server). */
        public Builder clusterReplicas(int v) {
            clusterReplicas = v;
            return this;
        }

        /** The main address's host (an IP or name; 0.0.0.0 for every interface). */
        public Builder host(String v) {
            host = v;
            return this;
        }

        /** The main address's port; 0 for a free one ({@link Router#port()} tells which). */
        public Builder port(int v) {
            port = v;
            return this;
        }

        /** {@code data}: the directory of the registry and retained messages. */
        public Builder dataDir(Path v) {
            dataDir = v;
            return this;
        }

        /** {@code maxFrameBytes}: the largest frame a client may send, in bytes. */
        public Builder maxFrameBytes(int v) {
            maxFrameBytes = v;
            return this;
        }

        /** {@code maxSubscriptionsPerConnection}: subscriptions one connection may hold. */
        public Builder maxSubscriptionsPerConnection(int v) {
            maxSubscriptionsPerConnection = v;
            return this;
        }

        /** {@code maxConnections}: connections the router serves at once. */
        public Builder maxConnections(int v) {
            maxConnections = v;
            return this;
        }

        /** {@code subscriptionQueue}: results queued per subscription before a slow consumer loses it. */
        public Builder subscriptionQueue(int v) {
            subscriptionQueue = v;
            return this;
        }

        /** {@code fsync}: whether registry and retained writes are forced to disk. */
        public Builder fsync(boolean v) {
            fsync = v;
            return this;
        }

        /** {@code version}: the version the router announces in its {@code helo}. */
        public Builder version(String v) {
            version = v;
            return this;
        }

        /** {@code resultSignatures}: when unpacked results carry {@code umid} and {@code signature} (class comment). */
        public Builder resultSignatures(ResultSignatures v) {
            resultSignatures = v;
            return this;
        }

        /** {@code busyPollMicros}: how long a reader polls a dry socket before it sleeps (class comment). */
        public Builder busyPollMicros(int v) {
            busyPollMicros = v;
            return this;
        }

        /** {@code maxPendingFrameBytes}: value bytes held router-wide by frames still arriving. */
        public Builder maxPendingFrameBytes(long v) {
            maxPendingFrameBytes = v;
            return this;
        }

        /** {@code maxConnectionsPerAddress}: connections from one source address. */
        public Builder maxConnectionsPerAddress(int v) {
            maxConnectionsPerAddress = v;
            return this;
        }

        /** {@code handshakeTimeoutMs}: from accept to the first complete frame, in ms. */
        public Builder handshakeTimeoutMs(int v) {
            handshakeTimeoutMs = v;
            return this;
        }

        /** {@code frameTimeoutMs}: from a frame's first byte to its last, in ms. */
        public Builder frameTimeoutMs(int v) {
            frameTimeoutMs = v;
            return this;
        }

        /** {@code idleTimeoutMs}: without a complete frame, for a connection with no subscription, in ms. */
        public Builder idleTimeoutMs(int v) {
            idleTimeoutMs = v;
            return this;
        }

        /** {@code registryWritesPerMinute}: registry writes over the wire per entity and minute. */
        public Builder registryWritesPerMinute(int v) {
            registryWritesPerMinute = v;
            return this;
        }

        /** {@code maxRegistryObjectBytes}: the size of one entity, DOT, chain or revocation written over the wire. */
        public Builder maxRegistryObjectBytes(int v) {
            maxRegistryObjectBytes = v;
            return this;
        }

        /** Applies a properties file; every error names the file and the key. */
        public Builder load(Path file) throws IOException {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            for (String key : new TreeSet<>(p.stringPropertyNames())) {
                try {
                    apply(key, p.getProperty(key).trim());
                } catch (IllegalArgumentException e) {
                    String msg = e.getMessage();
                    throw new IllegalArgumentException(file + ": key '" + key + "': "
                            + (msg.startsWith(key + ":") ? msg.substring(key.length() + 1).trim() : msg));
                }
            }
            return this;
        }

        /** Sets one key as a config file would (the same names and value syntax); the error names the key. */
        public Builder apply(String key, String v) {
            Set<String> known = Set.of("listen", "data", "maxFrameBytes", "maxSubscriptionsPerConnection",
                    "maxConnections", "subscriptionQueue", "fsync", "version", "resultSignatures",
                    "busyPollMicros", "maxPendingFrameBytes", "maxConnectionsPerAddress", "handshakeTimeoutMs",
                    "frameTimeoutMs", "idleTimeoutMs", "registryWritesPerMinute", "maxRegistryObjectBytes",
                    "alsoListen", "cluster", "clusterReplicas");
            switch (key) {
                case "listen" -> listen(v);
                case "data" -> dataDir = Path.of(v);
                case "maxFrameBytes" -> maxFrameBytes = integer(v);
                case "maxSubscriptionsPerConnection" -> maxSubscriptionsPerConnection = integer(v);
                case "maxConnections" -> maxConnections = integer(v);
                case "subscriptionQueue" -> subscriptionQueue = integer(v);
                case "fsync" -> fsync = bool(v);
                case "version" -> version = v;
                case "resultSignatures" -> resultSignatures = ResultSignatures.parse(v);
                case "busyPollMicros" -> busyPollMicros = integer(v);
                case "maxPendingFrameBytes" -> maxPendingFrameBytes = longInteger(v);
                case "maxConnectionsPerAddress" -> maxConnectionsPerAddress = integer(v);
                case "handshakeTimeoutMs" -> handshakeTimeoutMs = integer(v);
                case "frameTimeoutMs" -> frameTimeoutMs = integer(v);
                case "idleTimeoutMs" -> idleTimeoutMs = integer(v);
                case "registryWritesPerMinute" -> registryWritesPerMinute = integer(v);
                case "maxRegistryObjectBytes" -> maxRegistryObjectBytes = integer(v);
                case "alsoListen" -> alsoListen = v.isEmpty() ? java.util.List.of()
                        : java.util.Arrays.stream(v.split(",")).map(String::trim).toList();
                case "cluster" -> cluster = v.isEmpty() ? java.util.List.of()
                        : java.util.Arrays.stream(v.split(",")).map(String::trim).toList();
                case "clusterReplicas" -> clusterReplicas = integer(v);
                default -> throw new IllegalArgumentException("unknown key (known keys: " + new TreeSet<>(known) + ")");
            }
            return this;
        }

        private static int integer(String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, got '" + v + "'");
            }
        }

        private static long longInteger(String v) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected an integer, got '" + v + "'");
            }
        }

        private static boolean bool(String v) {
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(v);
            }
            throw new IllegalArgumentException("expected true or false, got '" + v + "'");
        }

        /** The settings, each checked: a bad one throws {@link IllegalArgumentException} naming its key. */
        public RouterConfig build() {
            return new RouterConfig(host, port, dataDir, maxFrameBytes, maxSubscriptionsPerConnection, maxConnections,
                    subscriptionQueue, fsync, version, resultSignatures, busyPollMicros, maxPendingFrameBytes,
                    maxConnectionsPerAddress, handshakeTimeoutMs, frameTimeoutMs, idleTimeoutMs,
                    registryWritesPerMinute, maxRegistryObjectBytes, alsoListen, cluster, clusterReplicas);
        }
    }
}
