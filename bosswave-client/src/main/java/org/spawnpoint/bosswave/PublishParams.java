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

    /** Parameters of a publish to {@code uri} ({@code namespace/suffix}, no wildcards). */
    public static PublishParams uri(String uri) {
        return new PublishParams(uri);
    }

    /** Adds payload objects, sent in order. */
    public PublishParams payload(PayloadObject... pos) {
        payloadObjects.addAll(List.of(pos));
        return this;
    }

    /** Adds payload objects, sent in order. */
    public PublishParams payloads(List<PayloadObject> pos) {
        payloadObjects.addAll(pos);
        return this;
    }

    /** Adds a routing object (a DOT, chain or entity the router may need), sent in order. */
    public PublishParams routingObject(RoutingObject ro) {
        routingObjects.add(ro);
        return this;
    }

    /** Uses the access chain with this b64 hash instead of one the router builds. */
    public PublishParams primaryAccessChain(String hash) {
        this.primaryAccessChain = hash;
        return this;
    }

    /** Lets the router build the access chain ({@code autochain}), as bw2bind's {@code AutoChain}. */
    public PublishParams autoChain(boolean on) {
        this.autoChain = on;
        return this;
    }

    /** When this expires (RFC 3339 on the wire), or null for the router's default. */
    public PublishParams expiry(Instant when) {
        this.expiry = when;
        return this;
    }

    /** How long from now this lives (a Go duration on the wire; wins over {@code expiry}), or null. */
    public PublishParams expiryDelta(Duration delta) {
        this.expiryDelta = delta;
        return this;
    }

    /** {@code ""} (sent as {@code partial}), {@code partial}, {@code full} or {@code none}. */
    public PublishParams elaboratePac(String mode) {
        this.elaboratePac = Objects.requireNonNull(mode, "elaboratePac");
        return this;
    }

    /** Asks the router not to verify the access chain ({@code doverify=false}). */
    public PublishParams doNotVerify(boolean on) {
        this.doNotVerify = on;
        return this;
    }

    /** Persists the message at its URI ({@code pers} instead of {@code publ}): later queries return it. */
    public PublishParams persist(boolean on) {
        this.persist = on;
        return this;
    }

    /** This call's deadline instead of {@link ClientOptions#requestTimeout()}; null for the default. */
    public PublishParams timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** The URI, as given. */
    public String uri() { return uri; }
    /** The payload objects, in order (a copy). */
    public List<PayloadObject> payloadObjects() { return List.copyOf(payloadObjects); }
    /** The routing objects, in order (a copy). */
    public List<RoutingObject> routingObjects() { return List.copyOf(routingObjects); }
    /** The access chain's b64 hash, or null. */
    public String primaryAccessChain() { return primaryAccessChain; }
    /** Whether the router builds the access chain. */
    public boolean autoChain() { return autoChain; }
    /** The absolute expiry, or null. */
    public Instant expiry() { return expiry; }
    /** The relative expiry, or null. */
    public Duration expiryDelta() { return expiryDelta; }
    /** The elaboration mode; empty for the router's default. */
    public String elaboratePac() { return elaboratePac; }
    /** Whether the router is asked not to verify. */
    public boolean doNotVerify() { return doNotVerify; }
    /** Whether the message is persisted. */
    public boolean persist() { return persist; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
