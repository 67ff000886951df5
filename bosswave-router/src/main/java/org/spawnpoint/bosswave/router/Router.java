package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.spawnpoint.bosswave.router.internal.RouterCore;

/**
 * An embeddable BOSSWAVE router with a local registry: {@code Router.start(config)}, {@link #port()}, {@link #close()}.
 * Serves the OOB protocol (bosswave-oob.md) to our client and to unmodified bw2bind clients.
 */
public final class Router implements AutoCloseable {
    private final RouterCore core;
    private final int port;

    private Router(RouterCore core, int port) {
        this.core = core;
        this.port = port;
    }

    /** Opens the registry in the data directory and starts listening; port 0 picks a free port. */
    public static Router start(RouterConfig config) {
        RouterCore core = new RouterCore(config);
        try {
            return new Router(core, core.start());
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

    /** {@code host:port} for {@code BW2_AGENT} / client options. */
    public String address() {
        return core == null ? null : hostForClients() + ":" + port;
    }

    private String hostForClients() {
        return "127.0.0.1";
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
}
