package org.spawnpoint.bosswave;

import java.time.Duration;
import java.util.Objects;

/** What to list (bw2bind {@code ListParams}); sent as a real {@code list} command, not bw2bind's {@code quer}. */
public final class ListParams {
    private final String uri;
    private boolean autoChain;
    private String elaboratePac = "";
    private boolean doNotVerify;
    private Duration timeout;

    private ListParams(String uri) {
        this.uri = Objects.requireNonNull(uri, "uri");
    }

    /** Parameters of a list of the persisted children of {@code uri}. */
    public static ListParams uri(String uri) { return new ListParams(uri); }
    /** Lets the router build the access chain ({@code autochain}), as bw2bind's {@code AutoChain}. */
    public ListParams autoChain(boolean on) { this.autoChain = on; return this; }
    /**
     * How much of the access chain the router elaborates: {@code ""} (sent as {@code partial}), {@code partial} or
     * {@code none}.
     */
    public ListParams elaboratePac(String mode) { this.elaboratePac = Objects.requireNonNull(mode); return this; }
    /** Asks the router not to verify the access chain ({@code doverify=false}). */
    public ListParams doNotVerify(boolean on) { this.doNotVerify = on; return this; }
    /** This call's deadline instead of {@link ClientOptions#requestTimeout()}; null for the default. */
    public ListParams timeout(Duration d) { this.timeout = d; return this; }

    /** The URI, as given. */
    public String uri() { return uri; }
    /** Whether the router builds the access chain. */
    public boolean autoChain() { return autoChain; }
    /** The elaboration mode; empty for the router's default. */
    public String elaboratePac() { return elaboratePac; }
    /** Whether the router is asked not to verify. */
    public boolean doNotVerify() { return doNotVerify; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
