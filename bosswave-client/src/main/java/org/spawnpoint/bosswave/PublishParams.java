package org.spawnpoint.bosswave;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * What to publish (bw2bind {@code PublishParams}). Defaults as bw2bind: autochain off, elaborate {@code partial},
 * verify on, not persisted. Fluent and mutable; do not share one instance between threads while changing it.
 */
public final class PublishParams {
    private final String uri;
    private final List<PayloadObject> payloadObjects = new ArrayList<>();
    private final List<RoutingObject> routingObjects = new ArrayList<>();
    private String primaryAccessChain;
    private boolean autoChain;
    private Instant expiry;
    private Duration expiryDelta;
    private String elaboratePac = "";
    private boolean doNotVerify;
    private boolean persist;
    private Duration timeout;

    private PublishParams(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    public static PublishParams uri(String uri) {
        return new PublishParams(uri);
    }

    public PublishParams payload(PayloadObject... pos) {
        payloadObjects.addAll(List.of(pos));
        return this;
    }

    public PublishParams payloads(List<PayloadObject> pos) {
        payloadObjects.addAll(pos);
        return this;
    }

    public PublishParams routingObject(RoutingObject ro) {
        routingObjects.add(ro);
        return this;
    }

    public PublishParams primaryAccessChain(String hash) {
        this.primaryAccessChain = hash;
        return this;
    }

    public PublishParams autoChain(boolean on) {
        this.autoChain = on;
        return this;
    }

    public PublishParams expiry(Instant when) {
        this.expiry = when;
        return this;
    }

    public PublishParams expiryDelta(Duration delta) {
        this.expiryDelta = delta;
        return this;
    }

    /** {@code ""} (sent as {@code partial}), {@code partial}, {@code full} or {@code none}. */
    public PublishParams elaboratePac(String mode) {
        this.elaboratePac = Objects.requireNonNull(mode, "elaboratePac");
        return this;
    }

    public PublishParams doNotVerify(boolean on) {
        this.doNotVerify = on;
        return this;
    }

    public PublishParams persist(boolean on) {
        this.persist = on;
        return this;
    }

    /** This call's deadline instead of {@link ClientOptions#requestTimeout()}; null for the default. */
    public PublishParams timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    public String uri() { return uri; }
    public List<PayloadObject> payloadObjects() { return List.copyOf(payloadObjects); }
    public List<RoutingObject> routingObjects() { return List.copyOf(routingObjects); }
    public String primaryAccessChain() { return primaryAccessChain; }
    public boolean autoChain() { return autoChain; }
    public Instant expiry() { return expiry; }
    public Duration expiryDelta() { return expiryDelta; }
    public String elaboratePac() { return elaboratePac; }
    public boolean doNotVerify() { return doNotVerify; }
    public boolean persist() { return persist; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
