package org.spawnpoint.bosswave.internal;

import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveConnector;
import org.spawnpoint.bosswave.ClientOptions;

/** This module's {@link BosswaveConnector} (META-INF/services): the socket client. */
public final class DefaultConnector implements BosswaveConnector {

    /** Made by {@link java.util.ServiceLoader}. */
    public DefaultConnector() {
    }

    @Override
    public BosswaveClient connect(ClientOptions options) {
        return DefaultBosswaveClient.connect(options);
    }
}
