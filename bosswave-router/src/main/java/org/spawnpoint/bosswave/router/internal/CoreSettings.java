package org.spawnpoint.bosswave.router.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the router core reads of its configuration: the public {@code RouterConfig}, checked and resolved by
 * {@code Router.start}. A record of this package so that the core does not depend on the package above it (no package
 * cycle, issue 13). Field meanings and defaults: {@code RouterConfig}.
 *
 * @param alsoListen        the extra addresses as written, for the log
 * @param alsoListenAddress the same, split into host and port
 * @param signResultsAlways {@code resultSignatures = always}
 * @param cluster           NATS server URLs to join as one bus; empty for a single router
 * @param clusterReplicas   JetStream replicas of the cluster's buckets
 */
public record CoreSettings(String host, int port, Path dataDir, int maxFrameBytes, int maxSubscriptionsPerConnection,
                           int maxConnections, int subscriptionQueue, boolean fsync, String version,
                           boolean signResultsAlways, int busyPollMicros, long maxPendingFrameBytes,
                           int maxConnectionsPerAddress, int handshakeTimeoutMs, int frameTimeoutMs, int idleTimeoutMs,
                           int registryWritesPerMinute, int maxRegistryObjectBytes, List<String> alsoListen,
                           List<Map.Entry<String, Integer>> alsoListenAddress, List<String> cluster,
                           int clusterReplicas) {
}
