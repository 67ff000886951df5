package org.spawnpoint.bosswave;

import java.util.ServiceLoader;

/** Entry point: connects to a BOSSWAVE agent over the OOB protocol. */
public final class Bosswave {
    private Bosswave() {
    }

    /** Looked up once, on first use; the implementation ships in this module's jar. */
    private static final class Connector {
        static final BosswaveConnector INSTANCE = ServiceLoader.load(BosswaveConnector.class,
                Bosswave.class.getClassLoader()).findFirst().orElseThrow(() -> new IllegalStateException(
                        "bosswave-client's implementation is missing: no META-INF/services/"
                                + BosswaveConnector.class.getName() + " on the classpath (a repackaged jar?)"));
    }

    /**
     * Connects and waits (up to {@link ClientOptions#helloTimeout()}) for the agent's {@code helo}.
     *
     * @throws ConnectionClosedException when the agent cannot be reached or does not greet properly
     */
    public static BosswaveClient connect(ClientOptions options) {
        return Connector.INSTANCE.connect(options);
    }

    /** Connects to {@code host[:port]} ({@code :28589} added when no port); null means {@code $BW2_AGENT} or the default. */
    public static BosswaveClient connect(String address) {
        return connect(ClientOptions.builder().address(address).build());
    }

    /** Connects to {@code $BW2_AGENT}, else {@code 127.0.0.1:28589}. */
    public static BosswaveClient connect() {
        return connect(ClientOptions.defaults());
    }
}
