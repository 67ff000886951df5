package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The issue-16 keys healthCheck and restartPolicy: parsing, defaults, strict errors and the YAML round trip. */
class ServicePolicyConfigTest {
    static final String BASE = "serviceName: web\nentity: AAAA\nrun: [sleep, '1']\nmemAlloc: 64M\ncpuShares: 64\n";

    static ServiceConfig parse(String extra) {
        return ServiceConfig.parse(BASE + extra);
    }

    static String error(String extra) {
        return assertThrows(ConfigException.class, () -> parse(extra).validateForDeploy()).getMessage();
    }

    @Test
    void theReadmeExampleParsesWithItsValues() {
        ServiceConfig c = parse("""
                autoRestart: true
                healthCheck:
                  http: "http://localhost:8080/health?deep=1"
                  interval: 10s
                  timeout: 3s
                  retries: 3
                  startPeriod: 30s
                restartPolicy:
                  backoff: 1s
                  maxBackoff: 5m
                  resetAfter: 10m
                  maxRestarts: 5
                """).validateForDeploy();
        HealthCheck h = c.healthCheck();
        assertEquals(HealthCheck.Kind.HTTP, h.kind());
        assertEquals(8080, h.httpPort());
        assertEquals("/health?deep=1", h.httpPathAndQuery());
        assertEquals("GET /health?deep=1", h.describe());
        assertEquals(Duration.ofSeconds(10), h.intervalDuration());
        assertEquals(Duration.ofSeconds(3), h.timeoutDuration());
        assertEquals(3, h.retriesOrDefault());
        assertEquals(Duration.ofSeconds(30), h.startPeriodDuration());
        RestartPolicy r = c.restartPolicy();
        assertEquals(Duration.ofSeconds(1), r.backoffDuration());
        assertEquals(Duration.ofMinutes(5), r.maxBackoffDuration());
        assertEquals(Duration.ofMinutes(10), r.resetAfterDuration());
        assertEquals(5, r.maxRestarts());
        assertEquals(c, ServiceConfig.parse(c.toYaml()), "round trip through the wire YAML");
        assertTrue(c.toYamlWithoutEntity().contains("healthCheck:\n  http: http://localhost:8080/health?deep=1\n"),
                c.toYamlWithoutEntity());
    }

    @Test
    void execAndTcpChecksAndTheDefaults() {
        HealthCheck exec = parse("healthCheck:\n  exec: [test, -f, /tmp/ok]\n").healthCheck();
        assertEquals(HealthCheck.Kind.EXEC, exec.kind());
        assertEquals(List.of("test", "-f", "/tmp/ok"), exec.exec());
        assertEquals(HealthCheck.DEFAULT_INTERVAL, exec.intervalDuration());
        assertEquals(HealthCheck.DEFAULT_TIMEOUT, exec.timeoutDuration());
        assertEquals(HealthCheck.DEFAULT_RETRIES, exec.retriesOrDefault());
        assertEquals(Duration.ZERO, exec.startPeriodDuration());
        assertEquals(List.of("/bin/healthy"), parse("healthCheck: {exec: /bin/healthy}\n").healthCheck().exec());
        HealthCheck tcp = parse("healthCheck: {tcp: 5432, interval: 500ms}\n").healthCheck();
        assertEquals(5432, tcp.tcp());
        assertEquals("TCP 5432", tcp.describe());
        assertEquals(80, parse("healthCheck: {http: 'http://localhost/'}\n").healthCheck().httpPort());

        ServiceConfig none = parse("autoRestart: true\n");
        assertNull(none.healthCheck());
        assertNull(none.restartPolicy());
        RestartPolicy d = none.restartPolicyOrDefaults();
        assertEquals(Duration.ofSeconds(1), d.backoffDuration());
        assertEquals(Duration.ofMinutes(5), d.maxBackoffDuration());
        assertEquals(Duration.ofSeconds(30), d.resetAfterDuration());
        assertEquals(0, d.maxRestarts());
        assertEquals(Duration.ofMinutes(10), parse("autoRestart: true\nrestartPolicy: {backoff: 10m}\n")
                .restartPolicy().maxBackoffDuration(), "a first delay above the default cap is its own cap");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "healthCheck: {htp: 'http://localhost/'}|'healthCheck.htp' is not a health check key (did you mean 'http'?)",
        "healthCheck: {tcp: 80, intervall: 1s}|'healthCheck.intervall' is not a health check key (did you mean 'interval'?)",
        "healthCheck: {interval: 1s}|'healthCheck' has no probe: expected exactly one of exec",
        "healthCheck: {tcp: 80, http: 'http://localhost/'}|'healthCheck' has 2 probes",
        "healthCheck: [tcp]|'healthCheck' expected a mapping of [exec, http, interval, retries, startPeriod, tcp, timeout], got a list",
        "healthCheck: {tcp: 70000}|'healthCheck.tcp' expected a TCP port of the container (1-65535), got \"70000\"",
        "healthCheck: {tcp: http}|'healthCheck.tcp' expected a TCP port",
        "healthCheck: {http: 'http://10.0.0.1:80/'}|'healthCheck.http' names the host '10.0.0.1'",
        "healthCheck: {http: 'https://localhost/'}|'healthCheck.http' expected http://localhost[:PORT]/PATH",
        "healthCheck: {http: 'localhost:8080'}|'healthCheck.http' expected http://localhost[:PORT]/PATH",
        "healthCheck: {exec: []}|'healthCheck.exec' is empty: expected a command",
        "healthCheck: {tcp: 80, interval: 1ms}|'healthCheck.interval' expected a duration from 100ms to 24h0m0s, got \"1ms\"",
        "healthCheck: {tcp: 80, timeout: soon}|'healthCheck.timeout' expected a duration such as 30s",
        "healthCheck: {tcp: 80, retries: 0}|'healthCheck.retries' expected how many failures in a row make the service unhealthy (1-1000), got \"0\"",
        "autoRestart: true\\nrestartPolicy: {backof: 1s}|'restartPolicy.backof' is not a restart policy key (did you mean 'backoff'?)",
        "autoRestart: true\\nrestartPolicy: {backoff: 0s}|'restartPolicy.backoff' expected a duration from 10ms",
        "autoRestart: true\\nrestartPolicy: {backoff: 2s, maxBackoff: 1s}|'restartPolicy.maxBackoff' is 1s, shorter than backoff 2s",
        "autoRestart: true\\nrestartPolicy: {maxRestarts: -1}|'restartPolicy.maxRestarts' expected a number of restarts in a row",
        "autoRestart: true\\nrestartPolicy: {resetAfter: 1ms}|'restartPolicy.resetAfter' expected a duration from 100ms",
        "restartPolicy: {maxRestarts: 3}|'restartPolicy' is given but autoRestart is not true",
        "healthcheck: {tcp: 80}|'healthcheck' is not a service config key (did you mean 'healthCheck'?)",
    })
    void badValuesNameTheFieldAndWhatWasExpected(String extra, String message) {
        String m = error(extra.replace("\\n", "\n"));
        assertTrue(m.startsWith("Invalid service config: " + message), m);
    }
}
