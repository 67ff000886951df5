package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The outputs a session's reader thread wrote to while handling the input at hand: flushed together when that
 * input is used up (before the reader waits for more), so replies and deliveries leave in batches.
 */
final class OutputBatch {
    /**
     * How long a frame may wait for its batch: a burst of input is handled in chunks of up to 32 KiB (about
     * 150 publishes, one to two microseconds each), and the first of a chunk should not wait for the last.
     * Shorter costs throughput, since each write wakes the peer: pipelined publishes measured 10-20% fewer
     * messages per second with 100 µs than with 400 µs (RouterBenchmark, load 2-3).
     */
    private static final long MAX_WAIT_NS = 250_000;
    /**
     * The clock is read on every 8th frame of a batch, not on each: two reads per 1→1 message (its result and its
     * reply) were 4% of the session thread's samples, and 8 frames add at most ~10 µs to the 250 µs.
     */
    private static final int CLOCK_EVERY = 8;
    private static final ThreadLocal<OutputBatch> BATCH = new ThreadLocal<>();
    private final List<SessionOutput> dirty = new ArrayList<>();
    private int frames;
    private final SessionOutput own;
    private long since;

    private OutputBatch(SessionOutput own) {
        this.own = own;
    }

    /** Makes frames queued by this thread wait for {@link #flush()}; {@code own} is this thread's connection. */
    static OutputBatch begin(SessionOutput own) {
        OutputBatch b = new OutputBatch(own);
        BATCH.set(b);
        return b;
    }

    /** This thread's batch, or null. */
    static OutputBatch current() {
        return BATCH.get();
    }

    /** Ends this thread's batch, flushing it. */
    static void end() {
        OutputBatch b = BATCH.get();
        BATCH.remove();
        if (b != null) {
            b.flush();
        }
    }

    void dirty(SessionOutput o) {
        if (dirty.isEmpty()) {
            since = System.nanoTime();
            frames = 0;
        } else if ((++frames & (CLOCK_EVERY - 1)) == 0 && System.nanoTime() - since > MAX_WAIT_NS) {
            flush();
            o.flush();
            return;
        }
        // a handful of outputs per batch at most: a list beats a set
        for (int i = dirty.size() - 1; i >= 0; i--) {
            if (dirty.get(i) == o) {
                return;
            }
        }
        dirty.add(o);
    }

    /**
     * Deliveries to other connections first, then this connection's own replies. In between, when there were
     * both, the thread yields: a subscriber on this machine that the deliveries just woke may then run at once
     * instead of waiting behind the publisher's reply reader, which the replies wake next (on 2 cores this is
     * about 10 µs of p50 latency; with remote peers it costs one cheap system call per batch).
     */
    void flush() {
        boolean ownDirty = false;
        boolean delivered = false;
        for (int i = 0; i < dirty.size(); i++) {
            SessionOutput o = dirty.get(i);
            if (o == own) {
                ownDirty = true;
            } else {
                o.flush();
                delivered = true;
            }
        }
        if (ownDirty) {
            if (delivered) {
                Thread.yield();
            }
            own.flush();
        }
        dirty.clear();
    }
}
