package org.spawnpoint.spawnd.daemon;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * Publishes the daemon's events on BOSSWAVE from one thread, so that a slow or reconnecting router never blocks a
 * service's lifecycle. The queue is bounded: when it is full, container output is dropped (and counted) first.
 */
public final class BosswavePublisher implements DaemonEvents, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BosswavePublisher.class);

    private final BosswaveClient client;
    private final String path;
    private final String alias;
    private final BlockingQueue<PublishParams> queue = new ArrayBlockingQueue<>(10_000);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    /** Publishes under the spawnpoint path {@code path} as {@code alias}, from a thread of its own (a bounded queue). */
    public BosswavePublisher(BosswaveClient client, String path, String alias) {
        this.client = client;
        this.path = path;
        this.alias = alias;
        this.thread = new Thread(this::run, "spawnd-publisher");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    @Override
    public void log(String service, String text) {
        LOG.info("{}: {}", service.isEmpty() ? "-" : service, text);
        enqueue(logMessage(service, text).persist(true), true);
    }

    @Override
    public void output(String service, String line) {
        enqueue(logMessage(service, line), false);
    }

    @Override
    public void serviceHeartbeat(ServiceHeartbeat heartbeat) {
        enqueue(PublishParams.uri(SpawnUris.serviceHeartbeat(path, heartbeat.name())).autoChain(true).persist(true)
                .payload(heartbeat.toPayloadObject()), false);
    }

    @Override
    public void serviceGone(String service) {
        // A persisted message without POs replaces the last heartbeat, so scans stop showing the service.
        enqueue(PublishParams.uri(SpawnUris.serviceHeartbeat(path, service)).autoChain(true).persist(true), true);
    }

    /** Publishes now, on the caller's thread (for the daemon heartbeat, whose failure the caller reports). */
    public void publishNow(PublishParams p) {
        client.publish(p);
    }

    private PublishParams logMessage(String service, String contents) {
        PayloadObject po = new LogEntry(System.currentTimeMillis() * 1_000_000L, alias, service, contents)
                .toPayloadObject();
        return PublishParams.uri(SpawnUris.log(path)).autoChain(true).payload(po);
    }

    private void enqueue(PublishParams p, boolean important) {
        if (closed) {
            return;
        }
        try {
            if (important) {
                if (!queue.offer(p, 5, TimeUnit.SECONDS)) {
                    LOG.warn("Publish queue full for 5 s; dropping a daemon message on {}", p.uri());
                }
            } else if (!queue.offer(p)) {
                long n = dropped.incrementAndGet();
                if (n == 1 || n % 1000 == 0) {
                    LOG.warn("Publish queue full: {} output lines or heartbeats dropped so far", n);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        while (!closed) {
            PublishParams p;
            try {
                p = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (p == null) {
                continue;
            }
            try {
                client.publish(p);
            } catch (RuntimeException e) {
                LOG.warn("Could not publish on {}: {}", p.uri(), e.getMessage());
            }
        }
    }

    /** Waits up to {@code millis} for queued messages to go out. */
    public void flush(long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        while (!queue.isEmpty() && System.currentTimeMillis() < end) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
