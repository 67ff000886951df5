package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.spawnpoint.bosswave.router.internal.CoreSettings;
import org.spawnpoint.bosswave.router.internal.RouterCore;

/**
 * An embeddable BOSSWAVE router with a local registry: {@code Router.start(config)}, {@link #port()}, {@link #close()}.
 * Serves the OOB protocol (bosswave-oob.md) to our client and to unmodified bw2bind clients.
 */
public final class Router implements AutoCloseable {
    private final RouterCore core;
    private final int port;
    private final String host;

    private Router(RouterCore core, int port, String host) {
        this.core = core;
        this.port = port;
        this.host = host;
    }

    /**
     * Opens the registry in the data directory and starts listening; port 0 picks a free port. With
     * {@link RouterConfig#cluster()} set, first joins the NATS cluster (README, "Many machines"); when it cannot, an
     * IllegalStateException says why and what to do, and nothing stays open.
     */
    public static Router start(RouterConfig config) {
        RouterCore core = new RouterCore(settings(config));
        try {
            return new Router(core, core.start(), config.host());
        } catch (IOException e) {
            core.close();
            throw new UncheckedIOException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The bound TCP port. */
    public int port() {
        return port;
    }

    /** {@code host:port} for {@code BW2_AGENT} / client options; loopback when listening on every interface. */
    public String address() {
        return hostForClients() + ":" + port;
    }

    private String hostForClients() {
        boolean wildcard = host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]") || host.equals("*");
        return wildcard ? "127.0.0.1" : host;
    }

    /** {@code host:port} as bound. */
    public String listenAddress() {
        return host + ":" + port;
    }

    /** Live subscriptions across all connections (for monitoring and tests). */
    public int subscriptionCount() {
        return core.subscriptionCount();
    }

    /** Stops listening, closes every connection and the registry. */
    @Override
    public void close() {
        core.close();
    }

    /** The core's view of {@code c}: {@code alsoListen} split (already checked by the builder), signatures as a flag. */
    private static CoreSettings settings(RouterConfig c) {
        return new CoreSettings(c.host(), c.port(), c.dataDir(), c.maxFrameBytes(), c.maxSubscriptionsPerConnection(),
                c.maxConnections(), c.subscriptionQueue(), c.fsync(), c.version(),
                c.resultSignatures() == RouterConfig.ResultSignatures.ALWAYS, c.busyPollMicros(),
                c.maxPendingFrameBytes(), c.maxConnectionsPerAddress(), c.handshakeTimeoutMs(), c.frameTimeoutMs(),
                c.idleTimeoutMs(), c.registryWritesPerMinute(), c.maxRegistryObjectBytes(), c.alsoListen(),
                c.alsoListen().stream().map(RouterConfig::hostPortOf).toList(), c.cluster(), c.clusterReplicas());
    }
}
