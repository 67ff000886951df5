package org.spawnpoint.bosswave.router.internal;

/**
 * {@link SessionOutput}'s frames waiting to be written, oldest first, kept in parallel arrays (a ring): no object per
 * queued frame. A record per frame was two objects per 1→1 message (its result and its reply), 78 of the 416 bytes
 * the router allocated per message (async-profiler, event=alloc). Entry {@code i} counts from the oldest. Not
 * thread-safe: used under the output's lock.
 */
final class OutboundQueue {
    /** Slots to start with, and to return to once empty (a queue that grew for a slow peer does not stay large). */
    private static final int INITIAL = 16;
    private static final int KEEP = 1024;

    /** A frame's bytes (byte[]), or the {@link Delivery} whose unpacked result is written. */
    private Object[] items;
    private int[] lengths;
    /** The seqno that replaces a shared frame's, or -1. */
    private long[] seqNos;
    /** The subscription a result is for (told when it is written), or null. */
    private Sub[] subs;
    /** The connection is closed once this frame is written. */
    private boolean[] closeAfter;
    private int head;
    private int size;

    OutboundQueue() {
        allocate(INITIAL);
    }

    private void allocate(int capacity) {
        items = new Object[capacity];
        lengths = new int[capacity];
        seqNos = new long[capacity];
        subs = new Sub[capacity];
        closeAfter = new boolean[capacity];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Object item, int length, long seqNo, Sub sub, boolean close) {
        if (size == items.length) {
            grow();
        }
        int s = (head + size) & (items.length - 1);
        items[s] = item;
        lengths[s] = length;
        seqNos[s] = seqNo;
        subs[s] = sub;
        closeAfter[s] = close;
        size++;
    }

    private void grow() {
        Object[] oldItems = items;
        int[] oldLengths = lengths;
        long[] oldSeqNos = seqNos;
        Sub[] oldSubs = subs;
        boolean[] oldClose = closeAfter;
        int n = oldItems.length;
        allocate(n * 2);
        for (int i = 0; i < size; i++) {
            int s = (head + i) & (n - 1);
            items[i] = oldItems[s];
            lengths[i] = oldLengths[s];
            seqNos[i] = oldSeqNos[s];
            subs[i] = oldSubs[s];
            closeAfter[i] = oldClose[s];
        }
        head = 0;
    }

    private int slot(int i) {
        return (head + i) & (items.length - 1);
    }

    Object item(int i) {
        return items[slot(i)];
    }

    int length(int i) {
        return lengths[slot(i)];
    }

    long seqNo(int i) {
        return seqNos[slot(i)];
    }

    Sub sub(int i) {
        return subs[slot(i)];
    }

    boolean closeAfter(int i) {
        return closeAfter[slot(i)];
    }

    /** Drops the oldest entry. */
    void poll() {
        items[head] = null;
        subs[head] = null;
        head = (head + 1) & (items.length - 1);
        size--;
        if (size == 0) {
            head = 0;
            if (items.length > KEEP) {
                allocate(INITIAL);
            }
        }
    }

    void clear() {
        head = 0;
        size = 0;
        allocate(INITIAL);
    }
}
