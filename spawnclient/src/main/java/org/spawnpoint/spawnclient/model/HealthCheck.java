package org.spawnpoint.spawnclient.model;

import org.spawnpoint.bosswave.payload.GoFormats;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The optional {@code healthCheck} of a service config (issue 16): one probe, run by spawnd every {@code interval}
 * against the running container, and how failures count. Exactly one of {@code exec}, {@code http} and {@code tcp}
 * is set. Durations are kept as written (empty when absent); the typed views apply the defaults.
 *
 * @param exec        a command run in the container (Docker exec); exit code 0 is healthy
 * @param http        {@code http://localhost[:port]/path}: a GET to the container's own address; 2xx/3xx is healthy
 * @param tcp         a port of the container that must accept a TCP connection; 0 when not this kind
 * @param interval    time between checks (Go duration), default {@link #DEFAULT_INTERVAL}
 * @param timeout     how long one check may take, default {@link #DEFAULT_TIMEOUT}
 * @param retries     consecutive failures that make the service unhealthy, default {@link #DEFAULT_RETRIES}; 0 when absent
 * @param startPeriod after each (re)start, failures in this period do not count, default 0
 */
public record HealthCheck(List<String> exec, String http, int tcp, String interval, String timeout, int retries,
                          String startPeriod) {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    public static final int DEFAULT_RETRIES = 3;
    /** Shortest interval: a check costs an engine call or a connection, so a config cannot make spawnd spin. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(100);
    public static final Duration MAX_INTERVAL = Duration.ofHours(24);
    public static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    public static final int MAX_RETRIES = 1000;
    public static final int MAX_EXEC_ARGS = 64;

    /** What a check does. */
    public enum Kind { EXEC, HTTP, TCP }

    public HealthCheck {
        exec = List.copyOf(Objects.requireNonNullElse(exec, List.of()));
        http = http == null ? "" : http;
        interval = interval == null ? "" : interval;
        timeout = timeout == null ? "" : timeout;
        startPeriod = startPeriod == null ? "" : startPeriod;
    }

    /** Which probe this check runs. */
    public Kind kind() {
        return !exec.isEmpty() ? Kind.EXEC : !http.isEmpty() ? Kind.HTTP : Kind.TCP;
    }

    /** Time between checks; {@link #DEFAULT_INTERVAL} when not given. */
    public Duration intervalDuration() {
        return interval.isEmpty() ? DEFAULT_INTERVAL : GoFormats.parseDuration(interval);
    }

    /** Longest a check may take; {@link #DEFAULT_TIMEOUT} when not given. */
    public Duration timeoutDuration() {
        return timeout.isEmpty() ? DEFAULT_TIMEOUT : GoFormats.parseDuration(timeout);
    }

    /** After a (re)start, how long failures do not count; zero when not given. */
    public Duration startPeriodDuration() {
        return startPeriod.isEmpty() ? Duration.ZERO : GoFormats.parseDuration(startPeriod);
    }

    /** Failures in a row that make the service unhealthy; {@link #DEFAULT_RETRIES} when not given. */
    public int retriesOrDefault() {
        return retries == 0 ? DEFAULT_RETRIES : retries;
    }

    /** The port an HTTP check connects to (80 when the URL names none). */
    public int httpPort() {
        int p = URI.create(http).getPort();
        return p < 0 ? 80 : p;
    }

    /** Path and query of an HTTP check's URL ({@code /} when empty). */
    public String httpPathAndQuery() {
        URI u = URI.create(http);
        String p = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
        return u.getRawQuery() == null ? p : p + "?" + u.getRawQuery();
    }

    /** How the check reads in a log line: {@code GET /health}, {@code TCP 8080}, {@code exec [test, -f, /ok]}. */
    public String describe() {
        return switch (kind()) {
            case EXEC -> "exec " + exec;
            case HTTP -> "GET " + httpPathAndQuery();
            case TCP -> "TCP " + tcp;
        };
    }
}
