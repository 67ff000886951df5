package org.spawnpoint.spawnclient;

/**
 * How a request ended, as the spawnpoint reported it in the service's log.
 *
 * @param success whether the service started (deploy, restart) or stopped (stop)
 * @param message the spawnpoint's words, without the {@code [SUCCESS]}/{@code [FAILURE]} tag
 */
public record Outcome(boolean success, String message) {
}
