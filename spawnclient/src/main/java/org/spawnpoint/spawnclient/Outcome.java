package org.spawnpoint.spawnclient;

/**
 * How a request ended, as the spawnpoint reported it in the service's log.
 *
 * @param success whether the service started (deploy, restart) or stopped (stop)
 * @param message the spawnpoint's words, without the {@code [SUCCESS]}/{@code [FAILURE]} tag
 */
public record Outcome(boolean success, String message) {
    /**
     * Whether this failure is the spawnpoint declining the service rather than the service failing: its admission
     * found too little memory or too few CPU shares ({@code Insufficient ...}, 0.2's texts and ours), or it does not
     * allow something the config asks for (host networking, devices). Another spawnpoint may take it.
     */
    public boolean refused() {
        return !success && (message.contains("Insufficient ") || message.contains(" does not allow "));
    }
}
