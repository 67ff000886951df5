package org.spawnpoint.spawnclient;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Clock;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.ClientOptions;

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

    /**
     * How long {@link #open}'s connection waits for any one answer from the router: a person is waiting, and a
     * router that is stopped or cut off should be reported within seconds, not after the library's 30 s default.
     */
    public static final Duration INTERACTIVE_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Opens a connection of its own (requests wait at most {@link #INTERACTIVE_REQUEST_TIMEOUT} for an answer): to {@code router} ({@code host[:port]}; null means {@code $BW2_AGENT}, else
     * {@code 127.0.0.1:28589}) as the entity in {@code entityFile} (null means {@code $BW2_DEFAULT_ENTITY}).
     * Closing the client closes the connection.
     *
     * @throws SpawnClientException when the router cannot be reached or the entity is refused
     */
    public static SpawnClient open(String router, Path entityFile) {
        ClientOptions options = ClientOptions.builder().address(router)
                .requestTimeout(INTERACTIVE_REQUEST_TIMEOUT).build();
        BosswaveClient bw;
        try {
            bw = Bosswave.connect(options);
        } catch (BosswaveException e) {
            throw new SpawnClientException(null, null, "Cannot connect to the BOSSWAVE router at "
                    + options.resolvedAddress() + ": " + e.getMessage(), e);
        }
        try {
            if (entityFile != null) {
                bw.setEntityFile(entityFile);
            } else {
                bw.setEntityFromEnvironment();
            }
        } catch (RuntimeException e) {
            bw.close();
            throw new SpawnClientException(null, null, "Cannot use the entity "
                    + (entityFile != null ? entityFile : "named by $BW2_DEFAULT_ENTITY") + ": " + e.getMessage(), e);
        }
        return owning(bw);
    }

    /** Over a connection the client takes over: closing the client closes it. */
    public static SpawnClient owning(BosswaveClient bw) {
        return new BosswaveSpawnClient(bw, true, Clock.systemUTC(), BosswaveSpawnClient.LOGS_SILENCE_TIMEOUT);
    }
}
