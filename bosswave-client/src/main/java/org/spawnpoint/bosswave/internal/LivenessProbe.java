package org.spawnpoint.bosswave.internal;

import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * The sink of a liveness probe. Its answer matters only by arriving (the reader notes every frame's time); its
 * deadline passing is not an error of its own, since the connection's silence is judged by {@link Connection#sweep}.
 */
enum LivenessProbe implements ReplySink {
    INSTANCE;

    @Override
    public boolean onFrame(Frame frame) {
        return true;
    }

    @Override
    public void onClosed(ConnectionClosedException cause) {
        // nothing waits on a probe
    }

    @Override
    public void onTimeout(RequestTimeoutException timeout) {
        // the sweep decides about the connection
    }
}
