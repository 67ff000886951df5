package org.spawnpoint.bosswave;

/**
 * How {@link Bosswave} makes a client. This module's implementation provides it (found with {@link
 * java.util.ServiceLoader}), so that the API package does not depend on the implementation that depends on it: no
 * package cycle (issue 13). Applications call {@link Bosswave}, not this.
 */
public interface BosswaveConnector {

    /** Connects as {@link Bosswave#connect(ClientOptions)} documents. */
    BosswaveClient connect(ClientOptions options);
}
