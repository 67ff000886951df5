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

    public static SubscribeParams uri(String uri) {
        return new SubscribeParams(uri);
    }

    public SubscribeParams routingObject(RoutingObject ro) { routingObjects.add(ro); return this; }
    public SubscribeParams primaryAccessChain(String hash) { this.primaryAccessChain = hash; return this; }
    public SubscribeParams autoChain(boolean on) { this.autoChain = on; return this; }
    public SubscribeParams expiry(Instant when) { this.expiry = when; return this; }
    public SubscribeParams expiryDelta(Duration delta) { this.expiryDelta = delta; return this; }
    public SubscribeParams elaboratePac(String mode) { this.elaboratePac = Objects.requireNonNull(mode); return this; }
    public SubscribeParams doNotVerify(boolean on) { this.doNotVerify = on; return this; }
    /** Receive each message as one PO 1.0.1.1 holding the signed message instead of unpacked fields. */
    public SubscribeParams leavePacked(boolean on) { this.leavePacked = on; return this; }

    /**
     * This call's deadline instead of {@link ClientOptions#requestTimeout()}, null for the default: for a subscription
     * until the agent accepts it, for a query until each next answer.
     */
    public SubscribeParams timeout(Duration d) { this.timeout = d; return this; }

    public String uri() { return uri; }
    public List<RoutingObject> routingObjects() { return List.copyOf(routingObjects); }
    public String primaryAccessChain() { return primaryAccessChain; }
    public boolean autoChain() { return autoChain; }
    public Instant expiry() { return expiry; }
    public Duration expiryDelta() { return expiryDelta; }
    public String elaboratePac() { return elaboratePac; }
    public boolean doNotVerify() { return doNotVerify; }
    public boolean leavePacked() { return leavePacked; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
