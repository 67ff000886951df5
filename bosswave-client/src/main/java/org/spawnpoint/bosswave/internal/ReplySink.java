package org.spawnpoint.bosswave.internal;

import org.spawnpoint.bosswave.ConnectionClosedException;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Receives the replies to one sequence number. Called on the reader thread, so implementations only complete futures
 * or hand work to an executor; they never run user code.
 */
interface ReplySink {
    /** Handles one reply; returns true when the stream for this seqno is over. */
    boolean onFrame(Frame frame);

    /** The connection ended before the stream did. */
    void onClosed(ConnectionClosedException cause);

    /** The request's deadline passed; the sink has been forgotten and gets no more frames. */
    void onTimeout(RequestTimeoutException timeout);
}
