package org.spawnpoint.bosswave.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.MessageHandler;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.bosswave.payload.PayloadObject;

/**
 * bw2bind {@code RegisterService}: {@code base/name} whose {@code lastalive} metadata (Go's {@code time.Now().String()}, as captured) is
 * refreshed after 1 s and then every 10 s, for the service and each of its interfaces. A failed refresh is logged and
 * retried on the next beat; unlike the Go original it never exits the process.
 */
final class ServiceImpl implements Service {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceImpl.class);

    private final DefaultBosswaveClient client;
    private final String uri;
    private final List<InterfaceImpl> interfaces = new CopyOnWriteArrayList<>();
    private final ScheduledFuture<?> beat;

    ServiceImpl(DefaultBosswaveClient client, String baseUri, String name, ScheduledExecutorService scheduler,
                Duration firstBeat, Duration interval) {
        if (baseUri == null || baseUri.isEmpty() || name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("service needs a base URI and a one-element name, got '" + baseUri
                    + "' and '" + name + "'");
        }
        this.client = client;
        String base = baseUri.endsWith("/") ? baseUri.substring(0, baseUri.length() - 1) : baseUri;
        this.uri = base + "/" + name;
        this.beat = scheduler.scheduleWithFixedDelay(this::heartbeat, firstBeat.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void heartbeat() {
        try {
            client.setMetadata(uri, "lastalive", now());
            for (InterfaceImpl i : interfaces) {
                client.setMetadata(i.uri(), "lastalive", now());
            }
        } catch (BosswaveException | IllegalArgumentException e) {
            LOG.warn("lastalive heartbeat of service {} failed (will retry): {}", uri, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("lastalive heartbeat of service {} failed (will retry)", uri, e);
        }
    }

    static String now() {
        return GoFormats.timeStringNow();
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public ServiceInterface registerInterface(String prefix, String name) {
        String p = prefix;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        InterfaceImpl i = new InterfaceImpl(client, uri + "/" + p + "/" + name);
        interfaces.add(i);
        return i;
    }

    @Override
    public void setMetadata(String key, String value) {
        client.setMetadata(uri, key, value);
    }

    @Override
    public void close() {
        beat.cancel(false);
    }

    /** bw2bind {@code Interface}. */
    static final class InterfaceImpl implements ServiceInterface {
        private final DefaultBosswaveClient client;
        private final String uri;

        InterfaceImpl(DefaultBosswaveClient client, String uri) {
            this.client = client;
            this.uri = uri;
        }

        @Override
        public String uri() {
            return uri;
        }

        @Override
        public void publishSignal(String signal, PayloadObject... pos) {
            client.publish(PublishParams.uri(signalUri(signal)).autoChain(true).persist(true).payload(pos));
        }

        @Override
        public Subscription subscribeSlot(String slot, MessageHandler handler) {
            return client.subscribe(SubscribeParams.uri(slotUri(slot)).autoChain(true), handler);
        }

        @Override
        public void setMetadata(String key, String value) {
            client.setMetadata(uri, key, value);
        }
    }
}
