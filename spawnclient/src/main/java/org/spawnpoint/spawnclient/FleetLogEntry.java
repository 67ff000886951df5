package org.spawnpoint.spawnclient;

import java.time.Instant;
import java.util.Optional;

/**
 * A log message of one service among many ({@link SpawnClient#tailMatching}).
 *
 * @param spawnpointUri where it came from (caller's namespace form)
 * @param service       the service
 * @param spAlias       the spawnpoint's alias as its message gives it (empty for replayed history)
 * @param time          when the spawnpoint published it; empty for a replayed line of history, which has no time
 * @param contents      the text: a daemon event, a chunk of container output (may hold several lines), or one
 *                      replayed line
 * @param history       true for a line replayed from before the tail started ({@code --since})
 */
public record FleetLogEntry(String spawnpointUri, String service, String spAlias, Optional<Instant> time,
                            String contents, boolean history) {
}
