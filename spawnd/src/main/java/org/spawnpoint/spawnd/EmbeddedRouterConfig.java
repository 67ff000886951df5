package org.spawnpoint.spawnd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.spawnpoint.bosswave.router.RouterConfig;

/**
 * The daemon config's {@code embeddedRouter} section: run the BOSSWAVE router inside spawnd (one process for a
 * machine of its own, as bin/spawnpoint sets up) instead of connecting to a separate {@code bw2 router}.
 *
 * <pre>
 * embeddedRouter:
 *   data: ~/.spawnpoint/router          # the registry and persisted messages (required)
 *   listen: 127.0.0.1:28589             # default: localRouter
 *   alsoListen: [172.17.0.1:28589]      # more addresses, e.g. the Docker bridge gateway for containers
 *   cluster: [nats://10.0.0.1:4222, nats://10.0.0.2:4222]   # join a NATS JetStream cluster as one bus (issue 15)
 *   clusterReplicas: 3                  # copies of persisted messages and the registry in the cluster
 *   maxPendingFrameBytes: 134217728     # and any other key of a router config file (bosswave-router/README.md)
 * </pre>
 *
 * <p>Inside spawnd the router shares spawnd's heap, so its budget for frames still arriving defaults to 128 MiB (two
 * of the largest deploys) instead of a separate router's 256 MiB.
 */
final class EmbeddedRouterConfig {
    static final long EMBEDDED_PENDING_FRAME_BYTES = 128L << 20;
    private static final Set<String> SIMPLE_KEYS = Set.of("maxFrameBytes", "maxSubscriptionsPerConnection",
            "maxConnections", "subscriptionQueue", "fsync", "version", "resultSignatures", "busyPollMicros",
            "maxPendingFrameBytes", "maxConnectionsPerAddress", "handshakeTimeoutMs", "frameTimeoutMs", "idleTimeoutMs",
            "registryWritesPerMinute", "maxRegistryObjectBytes", "clusterReplicas");

    private EmbeddedRouterConfig() {
    }

    /** Every key the section takes. */
    static Set<String> keys() {
        Set<String> all = new TreeSet<>(SIMPLE_KEYS);
        all.addAll(List.of("data", "listen", "alsoListen", "cluster"));
        return all;
    }

    /**
     * The router config of a section, or null with its problems added to {@code problems} (each naming
     * {@code embeddedRouter.<key>}). {@code localRouter} is the default listen address; {@code paths} expands {@code ~}.
     */
    static RouterConfig parse(Object section, String localRouter, Function<String, Path> paths, List<String> problems) {
        if (!(section instanceof Map<?, ?> map)) {
            problems.add("'embeddedRouter': expected a mapping with at least 'data' (the router's data directory), got "
                    + (section instanceof List<?> ? "a list" : "'" + section + "'"));
            return null;
        }
        int before = problems.size();
        RouterConfig.Builder b = RouterConfig.builder().listen(localRouter)
                .maxPendingFrameBytes(EMBEDDED_PENDING_FRAME_BYTES);
        boolean hasData = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            Object v = e.getValue();
            String name = "'embeddedRouter." + key + "'";
            try {
                switch (key) {
                    case "data" -> {
                        if (v == null || v instanceof Map<?, ?> || v instanceof List<?> || v.toString().isBlank()) {
                            throw new IllegalArgumentException("expected the router's data directory");
                        }
                        b.dataDir(paths.apply(v.toString().trim()));
                        hasData = true;
                    }
                    case "listen" -> b.listen(text(v, "HOST:PORT"));
                    case "alsoListen" -> b.alsoListen(addresses(v));
                    case "cluster" -> b.cluster(natsUrls(v));
                    default -> {
                        if (!SIMPLE_KEYS.contains(key)) {
                            String near = org.spawnpoint.spawnclient.model.KeySuggestions.closest(key, keys());
                            throw new IllegalArgumentException("unknown key" + (near == null ? "" : " (did you mean '"
                                    + near + "'?)") + "; known: " + keys());
                        }
                        applySimple(b, key, text(v, "a value"));
                    }
                }
            } catch (IllegalArgumentException ex) {
                String msg = ex.getMessage();
                problems.add(name + ": " + (msg.startsWith(key + ":") ? msg.substring(key.length() + 1).trim() : msg));
            }
        }
        if (!hasData) {
            problems.add("'embeddedRouter.data' is missing: expected the router's data directory");
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return b.build();
        } catch (IllegalArgumentException ex) {
            problems.add("'embeddedRouter': " + ex.getMessage());
            return null;
        }
    }

    private static String text(Object v, String expected) {
        if (v == null || v instanceof Map<?, ?> || v instanceof List<?>) {
            throw new IllegalArgumentException("expected " + expected + ", got " + (v == null ? "nothing" : "a "
                    + (v instanceof List<?> ? "list" : "mapping")));
        }
        return v.toString().trim();
    }

    private static List<String> addresses(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(text(o, "HOST:PORT"));
            }
        } else if (v != null && !v.toString().isBlank()) {
            for (String s : v.toString().split(",")) {
                out.add(s.trim());
            }
        }
        for (String a : out) {
            RouterConfig.hostPortOf(a);
        }
        return out;
    }

    /** NATS server URLs, as a YAML list or one comma-separated string; each checked as the router checks it. */
    private static List<String> natsUrls(Object v) {
        List<String> out = new ArrayList<>();
        if (v instanceof List<?> list) {
            for (Object o : list) {
                out.add(text(o, "nats://HOST:PORT"));
            }
        } else if (v != null && !v.toString().isBlank()) {
            for (String s : v.toString().split(",")) {
                out.add(s.trim());
            }
        }
        RouterConfig.builder().cluster(out).build(); // the router's own check, so the message is the same
        return out;
    }

    /** The scalar keys, through the router's own properties parsing so that values mean the same in both files. */
    private static void applySimple(RouterConfig.Builder b, String key, String value) {
        b.apply(key, value);
    }
}
