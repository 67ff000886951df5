package org.spawnpoint.bosswave.router.internal.cluster;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.KeyValueWatcher;
import io.nats.client.impl.NatsKeyValueWatchSubscription;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.spawnpoint.bosswave.router.internal.cluster.BusLink.ClusterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This router's copy of one KV bucket, kept by a watch: every entry goes to a handler once, in revision order, and
 * {@link #applied()} says how far the copy is. A watch lives in a JetStream consumer on one NATS server; when that
 * server dies, jnats notices only after three missed heartbeats (15 s). {@link #check} and {@link #sync} notice a
 * copy that stalls behind the bucket sooner and resume the watch after the last applied revision.
 */
final class Mirror {
    private static final Logger LOG = LoggerFactory.getLogger(Mirror.class);

    private final KeyValue kv;
    private final JetStreamManagement jsm;
    private final String what;
    private final Consumer<KeyValueEntry> handler;
    private final Consumer<String> warn;
    private final Object lock = new Object();
    private long applied;
    private long appliedAtLastCheck = -1;
    private NatsKeyValueWatchSubscription sub;

    Mirror(KeyValue kv, JetStreamManagement jsm, String what, Consumer<KeyValueEntry> handler, Consumer<String> warn) {
        this.kv = kv;
        this.jsm = jsm;
        this.what = what;
        this.handler = handler;
        this.warn = warn;
    }

    /** Starts the watch and waits until the bucket's present content is applied. */
    void start(long seconds) throws IOException, InterruptedException, ClusterException {
        CountDownLatch done = new CountDownLatch(1);
        try {
            synchronized (this) {
                sub = kv.watchAll(watcher(done));
            }
        } catch (JetStreamApiException e) {
            throw new ClusterException("cannot watch the " + what + " in the NATS cluster: " + e.getMessage(), e);
        }
        if (!done.await(seconds, TimeUnit.SECONDS)) {
            close();
            throw new ClusterException("the NATS cluster did not hand over the " + what + " within " + seconds + " s",
                    null);
        }
    }

    private KeyValueWatcher watcher(CountDownLatch done) {
        return new KeyValueWatcher() {
            @Override
            public void watch(KeyValueEntry e) {
                // one entry at a time, in revision order, even while a stalled watch and its successor overlap
                synchronized (lock) {
                    if (e.getRevision() <= applied) {
                        return; // seen before a resume
                    }
                    try {
                        handler.accept(e);
                    } catch (RuntimeException ex) {
                        warn.accept("skipped the " + what + " entry " + e.getKey() + ": " + ex);
                    }
                    applied = e.getRevision();
                    lock.notifyAll();
                }
            }

            @Override
            public void endOfData() {
                done.countDown();
            }
        };
    }

    long applied() {
        synchronized (lock) {
            return applied;
        }
    }

    /** The bucket's last revision (its stream's last sequence), asked of the cluster. */
    long lastRevision() throws IOException, JetStreamApiException {
        return jsm.getStreamInfo("KV_" + kv.getBucketName()).getStreamState().getLastSequence();
    }

    /** Waits until the copy holds {@code revision}; false after {@code ms}. */
    boolean awaitApplied(long revision, long ms) {
        long deadline = System.nanoTime() + ms * 1_000_000L;
        synchronized (lock) {
            while (applied < revision) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return false;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Waits until the copy holds what the bucket held at the call, resuming a stalled watch; false if not. */
    boolean sync(long ms) throws IOException, JetStreamApiException {
        long last = lastRevision();
        if (awaitApplied(last, ms / 4)) {
            return true;
        }
        resume();
        return awaitApplied(last, ms - ms / 4);
    }

    /** As {@link #awaitApplied}, resuming the watch first when it is behind; never throws. */
    boolean syncQuietly(long revision, long ms) {
        resume();
        return awaitApplied(revision, ms);
    }

    /** Called every second: a copy behind the bucket that made no progress since the last call resumes its watch. */
    void check() throws IOException, JetStreamApiException {
        long now = applied();
        boolean stalled = now == appliedAtLastCheck && now < lastRevision();
        appliedAtLastCheck = now;
        if (stalled) {
            resume();
        }
    }

    /** Replaces the watch by one that starts after the last applied revision. */
    synchronized void resume() {
        long from = applied() + 1;
        LOG.info("resuming the watch of the {} at revision {} (the copy had stalled)", what, from);
        try {
            if (sub != null) {
                sub.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("ending the stalled watch: {}", e.toString());
        }
        try {
            sub = kv.watchAll(watcher(new CountDownLatch(1)), from);
        } catch (IOException | JetStreamApiException | RuntimeException e) {
            warn.accept("cannot resume the watch of the " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    synchronized void close() {
        if (sub != null) {
            try {
                sub.unsubscribe();
            } catch (RuntimeException e) {
                LOG.debug("closing the watch of the {}: {}", what, e.toString());
            }
            sub = null;
        }
    }
}
