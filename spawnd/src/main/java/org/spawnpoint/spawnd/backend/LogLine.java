package org.spawnpoint.spawnd.backend;

import java.time.Instant;

/**
 * One line of a container's output, without its line terminator.
 *
 * @param time   when the engine received it (nanosecond precision); pass it to
 *               {@link ServiceBackend#followLogs} to resume after this line
 * @param stderr true if it came from standard error
 * @param text   the line
 */
public record LogLine(Instant time, boolean stderr, String text) {
}
