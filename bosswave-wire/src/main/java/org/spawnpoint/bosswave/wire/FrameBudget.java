package org.spawnpoint.bosswave.wire;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes that all {@link FrameReader}s sharing this budget may hold for frames still arriving. A server gives one budget
 * to every connection's reader, so that many peers each sending a little of a large value cannot together take more
 * than {@link #capacity()} bytes. A reader charges only the value bytes of a frame beyond a small allowance per frame
 * ({@link FrameReader#FREE_BYTES_PER_FRAME}), so ordinary small frames never touch the shared counter.
 */
public final class FrameBudget {
    private final long capacity;
    private final String name;
    private final AtomicLong used = new AtomicLong();

    /**
     * @param capacity bytes that may be held at once
     * @param name     what to call the limit in error messages (a config key, e.g. {@code maxPendingFrameBytes})
     */
    public FrameBudget(long capacity, String name) {
        if (capacity < 0) {
            throw new IllegalArgumentException(name + ": must be at least 0, got " + capacity);
        }
        this.capacity = capacity;
        this.name = name;
    }

    /** A budget that never refuses (for a client reading from one trusted peer). */
    public static FrameBudget unlimited() {
        return new FrameBudget(Long.MAX_VALUE, "unlimited");
    }

    /** Takes {@code bytes} if they fit; false (and nothing taken) otherwise. */
    public boolean tryReserve(long bytes) {
        while (true) {
            long u = used.get();
            if (bytes > capacity - u) {
                return false;
            }
            if (used.compareAndSet(u, u + bytes)) {
                return true;
            }
        }
    }

    /** Gives back bytes taken with {@link #tryReserve}. */
    public void release(long bytes) {
        used.addAndGet(-bytes);
    }

    /** Bytes held right now. */
    public long used() {
        return used.get();
    }

    /** The most that may be held at once. */
    public long capacity() {
        return capacity;
    }

    /** The name of the limit, for error messages. */
    public String name() {
        return name;
    }
}
