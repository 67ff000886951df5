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

    public static ListParams uri(String uri) { return new ListParams(uri); }
    public ListParams autoChain(boolean on) { this.autoChain = on; return this; }
    public ListParams elaboratePac(String mode) { this.elaboratePac = Objects.requireNonNull(mode); return this; }
    public ListParams doNotVerify(boolean on) { this.doNotVerify = on; return this; }
    /** This call's deadline instead of {@link ClientOptions#requestTimeout()}; null for the default. */
    public ListParams timeout(Duration d) { this.timeout = d; return this; }

    public String uri() { return uri; }
    public boolean autoChain() { return autoChain; }
    public String elaboratePac() { return elaboratePac; }
    public boolean doNotVerify() { return doNotVerify; }
    /** This call's deadline, or null for the client's default. */
    public Duration timeout() { return timeout; }
}
