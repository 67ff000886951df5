package org.spawnpoint.spawnclient;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * {@link SpawnClient#fleet}: two queries, sent together, for every retained spawnpoint heartbeat and every retained
 * service heartbeat under a base URI. Heartbeats are persisted, so a query returns them all and ends: there is
 * nothing to wait for beyond the two answers.
 */
final class FleetQueries {
    private static final Logger log = LoggerFactory.getLogger(FleetQueries.class);

    private FleetQueries() {
    }

    /** {@code base/*}{@code /s.spawnpoint/server/i.spawnpoint/signal/heartbeat/+}: every service heartbeat. */
    static String servicesPattern(String base) {
        return SpawnUris.scanPattern(base) + "/+";
    }

    /** A query's answer to come; a request that fails at once (connection gone) is a failed answer too. */
    private static CompletableFuture<List<Message>> query(BosswaveClient bw, String uri) {
        try {
            return bw.queryAsync(QueryParams.uri(uri));
        } catch (BosswaveException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    static Fleet fleet(BosswaveClient bw, String base) {
        CompletableFuture<List<Message>> daemons = query(bw, SpawnUris.scanPattern(base));
        CompletableFuture<List<Message>> services = query(bw, servicesPattern(base));
        List<Message> d;
        List<Message> s;
        try {
            d = daemons.join();
            s = services.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new SpawnClientException(base, null, "Cannot list the services under " + base + ": "
                    + cause.getMessage(), cause);
        }
        Map<String, Spawnpoint> spawnpoints = new TreeMap<>();
        Map<String, String> callerUriOf = new HashMap<>();
        for (Message m : d) {
            String routerUri = SpawnUris.spawnpointFromHeartbeat(m.uri());
            Optional<DaemonHeartbeat> hb = BosswaveSpawnClient.daemonHeartbeat(m);
            if (routerUri == null || hb.isEmpty()) {
                continue;
            }
            String uri = BosswaveSpawnClient.inCallerNamespace(base, routerUri);
            callerUriOf.put(routerUri, uri);
            spawnpoints.merge(uri, Spawnpoint.of(uri, routerUri, hb.get()),
                    (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
        }
        Map<String, FleetService> byKey = new TreeMap<>();
        for (Message m : s) {
            Optional<PayloadObject> po = m.payload(ServiceHeartbeat.PO_TYPE);
            String name = SpawnUris.serviceFromHeartbeat(m.uri());
            if (po.isEmpty() || name == null) {
                continue; // a cleared (PO-less) heartbeat: the service is gone
            }
            String routerUri = m.uri().substring(0, m.uri().length() - name.length() - 1
                    - SpawnUris.HEARTBEAT_SUFFIX.length());
            String uri = callerUriOf.getOrDefault(routerUri, BosswaveSpawnClient.inCallerNamespace(base, routerUri));
            try {
                FleetService svc = FleetService.of(uri, name, ServiceHeartbeat.decode(po.get().content()));
                byKey.merge(uri + "\n" + name, svc, (a, b) -> a.lastSeen().isAfter(b.lastSeen()) ? a : b);
            } catch (IllegalArgumentException e) {
                log.warn("Received malformed service heartbeat at {}: {}", m.uri(), e.getMessage());
            }
        }
        return new Fleet(base, spawnpoints, new ArrayList<>(byKey.values()));
    }
}
