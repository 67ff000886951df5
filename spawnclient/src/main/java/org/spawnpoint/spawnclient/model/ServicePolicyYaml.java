package org.spawnpoint.spawnclient.model;

import org.spawnpoint.bosswave.payload.GoFormats;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The nested service config keys {@code healthCheck} and {@code restartPolicy} (issue 16): read from the node tree
 * with the same strictness as the flat keys (unknown keys are errors with a suggestion; each value is checked where it
 * appears, and the error names the key as {@code healthCheck.interval}), and written back as nested mappings.
 */
final class ServicePolicyYaml {
    static final Set<String> HEALTH_KEYS = Set.of("exec", "http", "tcp", "interval", "timeout", "retries",
            "startPeriod");
    static final Set<String> RESTART_KEYS = Set.of("backoff", "maxBackoff", "resetAfter", "maxRestarts");

    private ServicePolicyYaml() {
    }

    static HealthCheck healthCheck(Node v) {
        if (ServiceConfigYaml.isNull(v)) {
            return null;
        }
        Map<String, Node> keys = mapping("healthCheck", v, HEALTH_KEYS, "a health check key");
        List<String> exec = List.of();
        String http = "";
        int tcp = 0;
        int kinds = 0;
        if (keys.containsKey("exec")) {
            kinds++;
            exec = execCommand(keys.get("exec"));
        }
        if (keys.containsKey("http")) {
            kinds++;
            http = httpUrl(ServiceConfigYaml.string("healthCheck.http", keys.get("http")).trim());
        }
        if (keys.containsKey("tcp")) {
            kinds++;
            tcp = (int) number("healthCheck.tcp", keys.get("tcp"), 1, 65535, "a TCP port of the container (1-65535)");
        }
        if (kinds != 1) {
            throw new ConfigException("healthCheck", (kinds == 0 ? "has no probe" : "has " + kinds + " probes")
                    + ": expected exactly one of exec (a command run in the container), http"
                    + " (http://localhost:PORT/PATH) or tcp (a port)");
        }
        String interval = duration("healthCheck.interval", keys.get("interval"), HealthCheck.MIN_INTERVAL,
                HealthCheck.MAX_INTERVAL);
        String timeout = duration("healthCheck.timeout", keys.get("timeout"), HealthCheck.MIN_TIMEOUT,
                HealthCheck.MAX_TIMEOUT);
        String startPeriod = duration("healthCheck.startPeriod", keys.get("startPeriod"), Duration.ZERO,
                HealthCheck.MAX_INTERVAL);
        int retries = keys.containsKey("retries") ? (int) number("healthCheck.retries", keys.get("retries"), 1,
                HealthCheck.MAX_RETRIES, "how many failures in a row make the service unhealthy (1-"
                        + HealthCheck.MAX_RETRIES + ")") : 0;
        return new HealthCheck(exec, http, tcp, interval, timeout, retries, startPeriod);
    }

    static RestartPolicy restartPolicy(Node v) {
        if (ServiceConfigYaml.isNull(v)) {
            return null;
        }
        Map<String, Node> keys = mapping("restartPolicy", v, RESTART_KEYS, "a restart policy key");
        String backoff = duration("restartPolicy.backoff", keys.get("backoff"), RestartPolicy.MIN_BACKOFF,
                RestartPolicy.MAX_DURATION);
        String maxBackoff = duration("restartPolicy.maxBackoff", keys.get("maxBackoff"), RestartPolicy.MIN_BACKOFF,
                RestartPolicy.MAX_DURATION);
        String resetAfter = duration("restartPolicy.resetAfter", keys.get("resetAfter"), RestartPolicy.MIN_RESET_AFTER,
                RestartPolicy.MAX_DURATION);
        long max = keys.containsKey("maxRestarts") ? number("restartPolicy.maxRestarts", keys.get("maxRestarts"), 0,
                RestartPolicy.MAX_RESTARTS, "a number of restarts in a row before giving up (0 = never give up, at most "
                        + RestartPolicy.MAX_RESTARTS + ")") : 0;
        RestartPolicy p = new RestartPolicy(backoff, maxBackoff, resetAfter, max);
        if (!maxBackoff.isEmpty() && p.maxBackoffDuration().compareTo(p.backoffDuration()) < 0) {
            throw new ConfigException("restartPolicy.maxBackoff", "is " + maxBackoff + ", shorter than backoff "
                    + (backoff.isEmpty() ? RestartPolicy.DEFAULT_BACKOFF.toMillis() + "ms" : backoff)
                    + ": expected a cap at least as long as the first delay");
        }
        return p;
    }

    static void dump(Map<String, Object> m, HealthCheck h, RestartPolicy r) {
        if (h != null) {
            Map<String, Object> hm = new LinkedHashMap<>();
            switch (h.kind()) {
                case EXEC -> hm.put("exec", new java.util.ArrayList<>(h.exec()));
                case HTTP -> hm.put("http", h.http());
                case TCP -> hm.put("tcp", h.tcp());
            }
            putText(hm, "interval", h.interval());
            putText(hm, "timeout", h.timeout());
            if (h.retries() != 0) {
                hm.put("retries", h.retries());
            }
            putText(hm, "startPeriod", h.startPeriod());
            m.put("healthCheck", hm);
        }
        if (r != null) {
            Map<String, Object> rm = new LinkedHashMap<>();
            putText(rm, "backoff", r.backoff());
            putText(rm, "maxBackoff", r.maxBackoff());
            putText(rm, "resetAfter", r.resetAfter());
            if (r.maxRestarts() != 0) {
                rm.put("maxRestarts", r.maxRestarts());
            }
            m.put("restartPolicy", rm);
        }
    }

    private static void putText(Map<String, Object> m, String key, String v) {
        if (!v.isEmpty()) {
            m.put(key, v);
        }
    }

    private static Map<String, Node> mapping(String field, Node v, Set<String> known, String what) {
        if (!(v instanceof MappingNode map)) {
            throw new ConfigException(field, "expected a mapping of " + new java.util.TreeSet<>(known) + ", got a "
                    + ServiceConfigYaml.kind(v));
        }
        Map<String, Node> out = new LinkedHashMap<>();
        for (NodeTuple t : map.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw new ConfigException(field, "expected text keys, got a " + ServiceConfigYaml.kind(t.getKeyNode())
                        + " as a key");
            }
            String key = k.getValue();
            if (!known.contains(key)) {
                String near = KeySuggestions.closest(key, known);
                throw new ConfigException(field + "." + key, "is not " + what + (near == null ? ""
                        : " (did you mean '" + near + "'?)") + "; the keys are " + new java.util.TreeSet<>(known));
            }
            if (out.put(key, t.getValueNode()) != null) {
                throw new ConfigException(field + "." + key, "appears twice: expected each key once");
            }
        }
        return out;
    }

    private static List<String> execCommand(Node v) {
        String field = "healthCheck.exec";
        List<String> cmd = v instanceof ScalarNode && !ServiceConfigYaml.isNull(v)
                ? List.of(ServiceConfigYaml.string(field, v)) : ServiceConfigYaml.strings(field, v);
        if (cmd.isEmpty() || cmd.get(0).isBlank()) {
            throw new ConfigException(field, "is empty: expected a command and its arguments, such as"
                    + " [test, -f, /tmp/ready] or [sh, -c, 'curl -fs localhost:8080']");
        }
        if (cmd.size() > HealthCheck.MAX_EXEC_ARGS) {
            throw new ConfigException(field, "has " + cmd.size() + " items: at most " + HealthCheck.MAX_EXEC_ARGS
                    + " are allowed");
        }
        for (String a : cmd) {
            if (a.length() > 4096) {
                throw new ConfigException(field, "has an item of " + a.length() + " characters: at most 4096 are allowed");
            }
        }
        return cmd;
    }

    private static String httpUrl(String url) {
        String field = "healthCheck.http";
        String expected = "expected http://localhost[:PORT]/PATH (the check goes to the container itself), got \""
                + url + "\"";
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw new ConfigException(field, expected);
        }
        if (!"http".equals(u.getScheme()) || u.getHost() == null || u.getRawUserInfo() != null
                || u.getRawFragment() != null || url.length() > 2048) {
            throw new ConfigException(field, expected);
        }
        String host = u.getHost();
        if (!host.equals("localhost") && !host.equals("127.0.0.1") && !host.equals("[::1]")) {
            // spawnd sends the request from the host; any other name would make it a proxy into the host's network.
            throw new ConfigException(field, "names the host '" + host + "': " + expected);
        }
        if (u.getPort() == 0 || u.getPort() > 65535) {
            throw new ConfigException(field, expected);
        }
        return url;
    }

    private static long number(String field, Node v, long min, long max, String expected) {
        String s = ServiceConfigYaml.string(field, v).trim().replace("_", "");
        try {
            long n = Long.parseLong(s.startsWith("+") ? s.substring(1) : s);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigException(field, "expected " + expected + ", got \"" + ServiceConfigYaml.string(field, v) + "\"");
    }

    private static String duration(String field, Node v, Duration min, Duration max) {
        if (v == null) {
            return "";
        }
        String s = ServiceConfigYaml.string(field, v).trim();
        if (s.isEmpty()) {
            return "";
        }
        Duration d;
        try {
            d = GoFormats.parseDuration(s);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(field, e.getMessage());
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new ConfigException(field, "expected a duration from " + GoFormats.duration(min) + " to "
                    + GoFormats.duration(max) + ", got \"" + s + "\"");
        }
        return s;
    }
}
