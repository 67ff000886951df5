package org.spawnpoint.bosswave;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.spawnpoint.bosswave.wire.FrameLimits;

/**
 * How to connect. The address is {@code host[:port]}; when null, {@code $BW2_AGENT}, else {@code 127.0.0.1:28589};
 * {@code :28589} is appended when no port is given.
 */
public final class ClientOptions {
    public static final int DEFAULT_PORT = 28589;

    private final String address;
    private final Duration helloTimeout;
    private final Executor callbackExecutor;
    private final boolean autoReconnect;
    private final Duration reconnectMinDelay;
    private final Duration reconnectMaxDelay;
    private final FrameLimits frameLimits;

    private ClientOptions(Builder b) {
        this.address = b.address;
        this.helloTimeout = b.helloTimeout;
        this.callbackExecutor = b.callbackExecutor;
        this.autoReconnect = b.autoReconnect;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.frameLimits = b.frameLimits;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static ClientOptions defaults() {
        return builder().build();
    }

    /** The address as given, or null (meaning environment, then default). */
    public String address() { return address; }
    public Duration helloTimeout() { return helloTimeout; }
    /**
     * Where handlers, listeners and async completions run. Null means a pool of daemon threads owned by the client,
     * so a slow handler never holds up other subscriptions; each subscription's messages still arrive one at a time
     * and in order whatever the executor.
     */
    public Executor callbackExecutor() { return callbackExecutor; }
    public boolean autoReconnect() { return autoReconnect; }
    public Duration reconnectMinDelay() { return reconnectMinDelay; }
    public Duration reconnectMaxDelay() { return reconnectMaxDelay; }
    public FrameLimits frameLimits() { return frameLimits; }

    /** Resolves the address: explicit, else {@code $BW2_AGENT}, else the default, with the default port added. */
    public String resolvedAddress() {
        String a = address;
        if (a == null || a.isBlank()) {
            a = System.getenv("BW2_AGENT");
        }
        if (a == null || a.isBlank()) {
            a = "127.0.0.1:" + DEFAULT_PORT;
        }
        a = a.trim();
        boolean bracketedV6 = a.startsWith("[") && a.contains("]");
        boolean hasPort = bracketedV6 ? a.substring(a.indexOf(']')).contains(":") : a.contains(":");
        return hasPort ? a : a + ":" + DEFAULT_PORT;
    }

    public static final class Builder {
        private String address;
        private Duration helloTimeout = Duration.ofSeconds(5);
        private Executor callbackExecutor;
        private boolean autoReconnect;
        private Duration reconnectMinDelay = Duration.ofMillis(100);
        private Duration reconnectMaxDelay = Duration.ofSeconds(10);
        private FrameLimits frameLimits = FrameLimits.DEFAULT;

        public Builder address(String address) { this.address = address; return this; }
        public Builder helloTimeout(Duration d) { this.helloTimeout = Objects.requireNonNull(d); return this; }
        public Builder callbackExecutor(Executor e) { this.callbackExecutor = e; return this; }
        public Builder autoReconnect(boolean on) { this.autoReconnect = on; return this; }
        public Builder reconnectDelays(Duration min, Duration max) {
            this.reconnectMinDelay = Objects.requireNonNull(min);
            this.reconnectMaxDelay = Objects.requireNonNull(max);
            return this;
        }
        public Builder frameLimits(FrameLimits limits) { this.frameLimits = Objects.requireNonNull(limits); return this; }

        public ClientOptions build() {
            if (helloTimeout.isNegative() || helloTimeout.isZero()) {
                throw new IllegalArgumentException("helloTimeout must be positive, got " + helloTimeout);
            }
            if (reconnectMinDelay.isNegative() || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
                throw new IllegalArgumentException("reconnect delays must satisfy 0 <= min <= max, got "
                        + reconnectMinDelay + " and " + reconnectMaxDelay);
            }
            return new ClientOptions(this);
        }
    }
}
