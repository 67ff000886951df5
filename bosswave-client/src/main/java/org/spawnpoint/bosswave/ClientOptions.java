package org.spawnpoint.bosswave;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.spawnpoint.bosswave.wire.FrameLimits;

/**
 * How to connect. The address is {@code host[:port]}; when null, {@code $BW2_AGENT}, else {@code 127.0.0.1:28589};
 * {@code :28589} is appended when no port is given. Several addresses, comma-separated ({@code a:28589,b:28589}:
 * routers of one bus, bosswave-router's "Many machines"), are tried in order when connecting, and in turn when
 * reconnecting, so that a client carries on through another router when its own dies.
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
    private final Duration requestTimeout;
    private final Duration livenessInterval;
    private final Duration livenessTimeout;

    private ClientOptions(Builder b) {
        this.address = b.address;
        this.helloTimeout = b.helloTimeout;
        this.callbackExecutor = b.callbackExecutor;
        this.autoReconnect = b.autoReconnect;
        this.reconnectMinDelay = b.reconnectMinDelay;
        this.reconnectMaxDelay = b.reconnectMaxDelay;
        this.frameLimits = b.frameLimits;
        this.requestTimeout = b.requestTimeout;
        this.livenessInterval = b.livenessInterval;
        this.livenessTimeout = b.livenessTimeout;
    }

    /**
     * A builder with the defaults: {@code $BW2_AGENT} or {@code 127.0.0.1:28589}, 5 s hello, 30 s requests, no
     * reconnect.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** The defaults of {@link #builder()}. */
    public static ClientOptions defaults() {
        return builder().build();
    }

    /** The address as given, or null (meaning environment, then default). */
    public String address() { return address; }
    /** How long {@code connect} waits for the agent's {@code helo}. */
    public Duration helloTimeout() { return helloTimeout; }
    /**
     * Where handlers, listeners and async completions run. Null means a pool of daemon threads owned by the client,
     * so a slow handler never holds up other subscriptions; each subscription's messages still arrive one at a time
     * and in order whatever the executor.
     */
    public Executor callbackExecutor() { return callbackExecutor; }
    /** Whether a lost connection is made again, with its subscriptions. */
    public boolean autoReconnect() { return autoReconnect; }
    /** The first delay between reconnect attempts (doubling up to the maximum). */
    public Duration reconnectMinDelay() { return reconnectMinDelay; }
    /** The longest delay between reconnect attempts. */
    public Duration reconnectMaxDelay() { return reconnectMaxDelay; }
    /** The bounds on what one frame from the agent may cost (bosswave-wire). */
    public FrameLimits frameLimits() { return frameLimits; }

    /**
     * How long a request may wait for the agent's first answer (for streams: for each next answer) before it fails
     * with {@link RequestTimeoutException}; each call may set its own. Default 30 s. A subscription's deadline ends
     * with the agent's acceptance.
     */
    public Duration requestTimeout() { return requestTimeout; }

    /**
     * After this long without any frame from the agent, the client sends a cheap probe ({@code bcip}, answered by any
     * BOSSWAVE agent without an entity). Default 10 s.
     */
    public Duration livenessInterval() { return livenessInterval; }

    /**
     * How long the probe may go unanswered before the connection is treated as lost (closed, pending requests
     * failed, and with {@link #autoReconnect()} reconnected and resubscribed). A half-open connection is so noticed
     * within {@code livenessInterval + livenessTimeout}: 15 s by default. TCP keepalive is on as well, for the
     * kernel's own (much slower) check.
     */
    public Duration livenessTimeout() { return livenessTimeout; }

    /**
     * Resolves the address: explicit, else {@code $BW2_AGENT}, else the default, with the default port added (to each,
     * when several are given: comma-separated, as given).
     */
    public String resolvedAddress() {
        return String.join(",", resolvedAddresses());
    }

    /** Every address to try, in order, each {@code host:port}; at least one. */
    public java.util.List<String> resolvedAddresses() {
        String a = address;
        if (a == null || a.isBlank()) {
            a = System.getenv("BW2_AGENT");
        }
        if (a == null || a.isBlank()) {
            a = "127.0.0.1:" + DEFAULT_PORT;
        }
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String one : a.split(",")) {
            one = one.trim();
            if (one.isEmpty()) {
                continue;
            }
            boolean bracketedV6 = one.startsWith("[") && one.contains("]");
            boolean hasPort = bracketedV6 ? one.substring(one.indexOf(']')).contains(":") : one.contains(":");
            out.add(hasPort ? one : one + ":" + DEFAULT_PORT);
        }
        if (out.isEmpty()) {
            out.add("127.0.0.1:" + DEFAULT_PORT);
        }
        return java.util.List.copyOf(out);
    }

    public static final class Builder {
        private String address;
        private Duration helloTimeout = Duration.ofSeconds(5);
        private Executor callbackExecutor;
        private boolean autoReconnect;
        private Duration reconnectMinDelay = Duration.ofMillis(100);
        private Duration reconnectMaxDelay = Duration.ofSeconds(10);
        private FrameLimits frameLimits = FrameLimits.DEFAULT;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Duration livenessInterval = Duration.ofSeconds(10);
        private Duration livenessTimeout = Duration.ofSeconds(5);

        /** The agent as {@code host[:port]}; null means {@code $BW2_AGENT}, then {@code 127.0.0.1:28589}. */
        public Builder address(String address) { this.address = address; return this; }
        /** How long {@code connect} waits for the agent's {@code helo}. */
        public Builder helloTimeout(Duration d) { this.helloTimeout = Objects.requireNonNull(d); return this; }
        /** Where handlers run; null for the client's own pool (see {@link ClientOptions#callbackExecutor()}). */
        public Builder callbackExecutor(Executor e) { this.callbackExecutor = e; return this; }
        /** Makes a lost connection again and resubscribes (off by default). */
        public Builder autoReconnect(boolean on) { this.autoReconnect = on; return this; }
        /** The delays between reconnect attempts: from {@code min}, doubling up to {@code max}. */
        public Builder reconnectDelays(Duration min, Duration max) {
            this.reconnectMinDelay = Objects.requireNonNull(min);
            this.reconnectMaxDelay = Objects.requireNonNull(max);
            return this;
        }
        /** The bounds on what one frame from the agent may cost. */
        public Builder frameLimits(FrameLimits limits) { this.frameLimits = Objects.requireNonNull(limits); return this; }

        /** The default deadline of every request; see {@link ClientOptions#requestTimeout()}. */
        public Builder requestTimeout(Duration d) { this.requestTimeout = Objects.requireNonNull(d); return this; }

        /** Idle time before a liveness probe, and how long the probe may take; see {@link ClientOptions}. */
        public Builder liveness(Duration interval, Duration timeout) {
            this.livenessInterval = Objects.requireNonNull(interval);
            this.livenessTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The options; every duration must be positive and the reconnect delays ordered. */
        public ClientOptions build() {
            positive("helloTimeout", helloTimeout);
            positive("requestTimeout", requestTimeout);
            positive("livenessInterval", livenessInterval);
            positive("livenessTimeout", livenessTimeout);
            if (reconnectMinDelay.isNegative() || reconnectMaxDelay.compareTo(reconnectMinDelay) < 0) {
                throw new IllegalArgumentException("reconnect delays must satisfy 0 <= min <= max, got "
                        + reconnectMinDelay + " and " + reconnectMaxDelay);
            }
            return new ClientOptions(this);
        }

        private static void positive(String name, Duration d) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + " must be positive, got " + d);
            }
        }
    }
}
