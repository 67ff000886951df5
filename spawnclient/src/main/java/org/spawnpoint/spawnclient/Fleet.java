package org.spawnpoint.spawnclient;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every spawnpoint and every service at or below a base URI, from their retained heartbeats ({@link SpawnClient#fleet}).
 *
 * @param baseUri     what was asked for
 * @param spawnpoints by URI (caller's namespace form), stale ones included
 * @param services    sorted by spawnpoint URI, then name; stale ones included, and services whose spawnpoint has no
 *                    retained heartbeat (a decommissioned one)
 */
public record Fleet(String baseUri, Map<String, Spawnpoint> spawnpoints, List<FleetService> services) {
    public Fleet {
        spawnpoints = Collections.unmodifiableSortedMap(new TreeMap<>(spawnpoints));
        services = services.stream().sorted(Comparator.comparing(FleetService::spawnpointUri)
                .thenComparing(FleetService::name)).toList();
    }

    /** The spawnpoint a service runs on, when it has a retained heartbeat. */
    public Optional<Spawnpoint> spawnpointOf(FleetService s) {
        return Optional.ofNullable(spawnpoints.get(s.spawnpointUri()));
    }

    /** Spawnpoints with a heartbeat younger than {@link SpawnClient#ALIVE_WITHIN}. */
    public List<Spawnpoint> liveSpawnpoints(Instant now) {
        return spawnpoints.values().stream().filter(sp -> sp.isAlive(now)).toList();
    }

    /** Services with a fresh heartbeat ({@link FleetService#isFresh}) on a live spawnpoint. */
    public List<FleetService> liveServices(Instant now) {
        return services.stream().filter(s -> s.isFresh(now) && spawnpointOf(s).map(sp -> sp.isAlive(now)).orElse(false))
                .toList();
    }
}
