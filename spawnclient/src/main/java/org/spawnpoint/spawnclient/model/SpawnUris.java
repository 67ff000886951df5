package org.spawnpoint.spawnclient.model;

/**
 * Every BOSSWAVE URI of the Spawnpoint 0.2 layout (spawnpoint-0.2.md §2.2), in one place. {@code P} is a
 * spawnpoint's base path without a trailing {@code /}; {@code IF} is {@code P/s.spawnpoint/server/i.spawnpoint}.
 */
public final class SpawnUris {
    /** The service name a spawnpoint registers under its path. */
    public static final String SERVICE = "s.spawnpoint";
    /** From {@code P} to the interface: the service, the interface prefix and name. */
    public static final String INTERFACE_SUFFIX = "/s.spawnpoint/server/i.spawnpoint";
    /** From {@code P} to the spawnpoint heartbeat signal. */
    public static final String HEARTBEAT_SUFFIX = INTERFACE_SUFFIX + "/signal/heartbeat";

    private SpawnUris() {
    }

    /** {@code P}: removes one trailing {@code /}, as the original does. */
    public static String base(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    /** {@code P/s.spawnpoint}: where the daemon's metadata lives, and the URI a client merges metadata for. */
    public static String serviceUri(String path) {
        return base(path) + "/" + SERVICE;
    }

    /** {@code IF}. */
    public static String interfaceUri(String path) {
        return base(path) + INTERFACE_SUFFIX;
    }

    /** {@code IF/signal/heartbeat}: PO 2.0.2.1, persisted every 5 s. */
    public static String heartbeat(String path) {
        return base(path) + HEARTBEAT_SUFFIX;
    }

    /** {@code IF/signal/heartbeat/<svc>}: PO 2.0.2.2, persisted. */
    public static String serviceHeartbeat(String path, String service) {
        return heartbeat(path) + "/" + service;
    }

    /** {@code IF/signal/heartbeat/*}: every service heartbeat (and the daemon's own, which has another PO type). */
    public static String serviceHeartbeats(String path) {
        return heartbeat(path) + "/*";
    }

    /** {@code IF/signal/log}: PO 2.0.2.0. */
    public static String log(String path) {
        return interfaceUri(path) + "/signal/log";
    }

    /** {@code IF/signal/manifests}: PO 2.0.0.0 (the original's persisted manifests; ours keeps state on disk). */
    public static String manifests(String path) {
        return interfaceUri(path) + "/signal/manifests";
    }

    /** {@code IF/slot/config}: PO 67.0.2.0 YAML, then an optional String PO with the base64 include tar. */
    public static String configSlot(String path) {
        return interfaceUri(path) + "/slot/config";
    }

    /** {@code IF/slot/restart}: String PO with the service name. */
    public static String restartSlot(String path) {
        return interfaceUri(path) + "/slot/restart";
    }

    /** {@code IF/slot/stop}: String PO with the service name. */
    public static String stopSlot(String path) {
        return interfaceUri(path) + "/slot/stop";
    }

    /** {@code IF/slot/logs}: {@link LogsRequest} (0.5). */
    public static String logsSlot(String path) {
        return interfaceUri(path) + "/slot/logs";
    }

    /** {@code IF/signal/logs/<svc>}: {@link LogsResponse} batches (0.5). */
    public static String logsSignal(String path, String service) {
        return interfaceUri(path) + "/signal/logs/" + service;
    }

    /** {@code P/s.spawnpoint/!meta/<key>}: where 0.2 clients look for a daemon's metadata (not the README's URI). */
    public static String metadata(String path, String key) {
        return serviceUri(path) + "/!meta/" + key;
    }

    /**
     * The scan pattern for a base URI: one trailing {@code /} removed, {@code /*} appended unless already there
     * ({@code *} matches zero or more path elements), then the heartbeat suffix.
     */
    public static String scanPattern(String baseUri) {
        String b = base(baseUri);
        if (!b.endsWith("/*") && !b.equals("*")) {
            b = b + "/*";
        }
        return b + HEARTBEAT_SUFFIX;
    }

    /** {@code P} from a daemon heartbeat's URI, or null when the URI is not one. */
    public static String spawnpointFromHeartbeat(String heartbeatUri) {
        return heartbeatUri != null && heartbeatUri.endsWith(HEARTBEAT_SUFFIX)
                ? heartbeatUri.substring(0, heartbeatUri.length() - HEARTBEAT_SUFFIX.length()) : null;
    }

    /** The service name from a service heartbeat's URI, or null when the URI is not one under {@code path}. */
    public static String serviceFromHeartbeat(String heartbeatUri) {
        int i = heartbeatUri == null ? -1 : heartbeatUri.lastIndexOf(HEARTBEAT_SUFFIX + "/");
        if (i < 0) {
            return null;
        }
        String rest = heartbeatUri.substring(i + HEARTBEAT_SUFFIX.length() + 1);
        return rest.isEmpty() || rest.contains("/") ? null : rest;
    }

    /** The last path element, the original's assumed alias of a spawnpoint. */
    public static String lastElement(String path) {
        String b = base(path);
        return b.substring(b.lastIndexOf('/') + 1);
    }
}
