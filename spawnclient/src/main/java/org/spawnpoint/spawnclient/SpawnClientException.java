package org.spawnpoint.spawnclient;

/**
 * A Spawnpoint operation that failed. The message says what was attempted, on which spawnpoint and service, and
 * why, e.g. {@code Cannot deploy demosvc to scratch.ns/spawnpoint/alpha: the spawnpoint appears down (last seen 2m0s ago)}.
 */
public class SpawnClientException extends RuntimeException {
    private final String spawnpointUri;
    private final String service;

    /**
     * @param spawnpointUri the spawnpoint (or scan base) URI, or null
     * @param service       the service concerned, or null
     * @param message       what was attempted, where, and why it failed
     */
    public SpawnClientException(String spawnpointUri, String service, String message) {
        super(message);
        this.spawnpointUri = spawnpointUri;
        this.service = service;
    }

    /** The same, with the underlying failure (a router error, a timeout, a lost connection). */
    public SpawnClientException(String spawnpointUri, String service, String message, Throwable cause) {
        super(message, cause);
        this.spawnpointUri = spawnpointUri;
        this.service = service;
    }

    /** The spawnpoint (or scan base) URI, or null. */
    public String spawnpointUri() {
        return spawnpointUri;
    }

    /** The service name, or null when the operation was not about one service. */
    public String service() {
        return service;
    }
}
