package org.spawnpoint.bosswave.router.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** One live subscription: its seqno, handle, pattern, output form and the count of queued, unwritten results. */
final class Sub {
    final ClientSession session;
    final long seqNo;
    final String handle;
    final String namespace;
    final UriPattern pattern;
    final boolean unpack;
    final AtomicInteger pending = new AtomicInteger();
    final AtomicBoolean ended = new AtomicBoolean();
    /** Set once the subscribe reply is queued; results may only be queued after it. */
    volatile boolean announced;

    Sub(ClientSession session, long seqNo, String handle, String namespace, UriPattern pattern, boolean unpack) {
        this.session = session;
        this.seqNo = seqNo;
        this.handle = handle;
        this.namespace = namespace;
        this.pattern = pattern;
        this.unpack = unpack;
    }

    void delivered() {
        pending.decrementAndGet();
    }

    @Override
    public String toString() {
        return "subscription #" + seqNo + " on " + namespace + "/" + pattern;
    }
}
