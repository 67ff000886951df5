package org.spawnpoint.bosswave.wire.archfixture.b;

import org.spawnpoint.bosswave.wire.archfixture.a.OpensSocket;

/** The other half of the package cycle of the fixtures (a uses b, b uses a). */
public record UsesA(int port, Class<?> peer) {
    /** A value that names the other package's class. */
    public static UsesA of(int port) {
        return new UsesA(port, OpensSocket.class);
    }
}
