package org.spawnpoint.spawnclient;

import java.time.Clock;
import org.spawnpoint.bosswave.BosswaveClient;

/**
 * Entry point: a {@link SpawnClient} over a BOSSWAVE connection.
 *
 * <pre>{@code
 * try (BosswaveClient bw = Bosswave.connect(ClientOptions.defaults())) {
 *     bw.setEntityFromEnvironment();
 *     SpawnClient spawn = SpawnClients.create(bw);
 *     spawn.scan("scratch.ns/spawnpoint").forEach((uri, sp) -> System.out.println(uri + " " + sp.availableMem()));
 * }
 * }</pre>
 */
public final class SpawnClients {
    private SpawnClients() {
    }

    /** Over a connection the caller owns (with its entity set); closing the client leaves it open. */
    public static SpawnClient create(BosswaveClient bw) {
        return create(bw, Clock.systemUTC());
    }

    /** As {@link #create(BosswaveClient)}, judging heartbeat ages by {@code clock}. */
    public static SpawnClient create(BosswaveClient bw, Clock clock) {
        return new BosswaveSpawnClient(bw, false, clock, BosswaveSpawnClient.LOGS_SILENCE_TIMEOUT);
    }

    /** Over a connection the client takes over: closing the client closes it. */
    public static SpawnClient owning(BosswaveClient bw) {
        return new BosswaveSpawnClient(bw, true, Clock.systemUTC(), BosswaveSpawnClient.LOGS_SILENCE_TIMEOUT);
    }
}
