package org.spawnpoint.spawnclient;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.spawnpoint.bosswave.payload.MetadataTuple;

/**
 * What {@link SpawnClient#inspect} found at one spawnpoint.
 *
 * @param spawnpoint its own heartbeat, when one is retained
 * @param services   by name, every service with a retained heartbeat (stale ones included)
 * @param metadata   merged over the URI's prefixes, the most specific winning
 */
public record SpawnpointDetails(String uri, Optional<Spawnpoint> spawnpoint, Map<String, ServiceInfo> services,
                                Map<String, MetadataTuple> metadata) {
    /** Both maps are copied, sorted by key and unmodifiable. */
    public SpawnpointDetails {
        services = Collections.unmodifiableSortedMap(new TreeMap<>(services));
        metadata = Collections.unmodifiableSortedMap(new TreeMap<>(metadata));
    }
}
