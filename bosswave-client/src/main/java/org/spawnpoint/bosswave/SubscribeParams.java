package org.spawnpoint.bosswave;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.spawnpoint.bosswave.payload.RoutingObject;

/** What to subscribe to (bw2bind {@code SubscribeParams}); also used for queries through {@link QueryParams}. */
public class SubscribeParams {
    private final String uri;
    private final List<RoutingObject> routingObjects = new ArrayList<>();
    private String primaryAccessChain;
    private boolean autoChain;
    private Instant expiry;
    private Duration expiryDelta;
    private String elaboratePac = "";
    private boolean doNotVerify;
    private boolean leavePacked;
    private Duration timeout;

    SubscribeParams(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Parameters of a subscription to {@code uri} ({@code namespace/suffix}; {@code *} and {@code +} match). */
    public static SubscribeParams uri(String uri) {
        return new SubscribeParams(uri);
    }

    /** Adds a routing object (a DOT, chain or entity the router may need), sent in order. */
    public SubscribeParams routingObject(RoutingObject ro) { routingObjects.add(ro); return this; }
    /** Uses the access chain with this b64 hash instead of one the router builds. */
    public SubscribeParams primaryAccessChain(String hash) { this.primaryAccessChain = hash; return this; }
    /** Lets the router build the access chain ({@code autochain}), as bw2bind's {@code AutoChain}. */
    public SubscribeParams autoChain(boolean on) { this.autoChain = on; return this; }
    /** When this expires (RFC 3339 on the wire), or null for the router's default. */
    public SubscribeParams expiry(Instant when) { this.expiry = when; return this; }
    /** How long from now this lives (a Go duration on the wire; wins over {@code expiry}), or null. */
    public SubscribeParams expiryDelta(Duration delta) { this.expiryDelta = delta; return this; }
    /**
     * How much of the access chain the router elaborates: {@code ""} (sent as {@code partial}), {@code partial} or
     * {@code none}.
     */
    public SubscribeParams elaboratePac(String mode) { this.elaboratePac = Objects.requireNonNull(mode); return this; }
    /** Asks the router not to verify the access chain ({@code doverify=false}). */
    public SubscribeParams doNotVerify(boolean on) { this.doNotVerify = on; return this; }
    /** Receive each message as one PO 1.0.1.1 holding the signed message instead of unpacked fields. */
    public SubscribeParams leavePacked(boolean on) { this.leavePacked = on; return this; }

    /**
     * This call's deadline instead of {@link ClientOptions#requestTimeout()}, null for the default: for a subscription
     * until the agent accepts it, for a query until each next answer.
     */
    public SubscribeParams timeout(Duration d) { this.timeout = d; return this; }

    /** The URI, as given. */
    public String uri() { return uri; }
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
    /** Whether messages arrive packed (PO 1.0.1.1). */
    public boolean leavePacked() { return leavePacked; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
