package org.spawnpoint.bosswave;

import org.spawnpoint.bosswave.internal.DefaultBosswaveClient;

/** Entry point: connects to a BOSSWAVE agent over the OOB protocol. */
public final class Bosswave {
    private Bosswave() {
    }

    /**
     * Connects and waits (up to {@link ClientOptions#helloTimeout()}) for the agent's {@code helo}.
     *
     * @throws ConnectionClosedException when the agent cannot be reached or does not greet properly
     */
    public static BosswaveClient connect(ClientOptions options) {
        return DefaultBosswaveClient.connect(options);
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
