package org.spawnpoint.spawnctl;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.Instants;

/** The {@code --json} documents of scan and inspect. */
final class JsonViews {
    private JsonViews() {
    }

    static Map<String, Object> spawnpoint(Spawnpoint sp, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", sp.uri());
        m.put("alias", sp.alias());
        m.put("lastSeen", sp.lastSeen().toString());
        m.put("ageMillis", Duration.between(sp.lastSeen(), now).toMillis());
        m.put("good", sp.isGood(now));
        m.put("totalMemMiB", sp.totalMem());
        m.put("availableMemMiB", sp.availableMem());
        m.put("totalCpuShares", sp.totalCpuShares());
        m.put("availableCpuShares", sp.availableCpuShares());
        return m;
    }

    static Map<String, Object> service(ServiceInfo s, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("spawnpointUri", s.spawnpointUri());
        m.put("lastSeen", s.lastSeen().toString());
        m.put("ageMillis", Duration.between(s.lastSeen(), now).toMillis());
        m.put("fresh", s.isFresh(now));
        m.put("memAllocMiB", s.memAlloc());
        m.put("memUsageMiB", s.memUsage());
        m.put("cpuShares", s.cpuShares());
        m.put("cpuPercent", s.cpuPercent());
        m.put("cpuShareUsage", s.cpuShareUsage());
        m.put("networkRxMiB", s.networkRx());
        m.put("networkTxMiB", s.networkTx());
        m.put("readMiB", s.mbRead());
        m.put("writtenMiB", s.mbWritten());
        if (!s.state().isEmpty()) {
            m.put("state", s.state());
        }
        m.put("givenUp", s.givenUp());
        if (!s.health().isEmpty()) {
            m.put("health", s.health());
        }
        if (!s.healthDetail().isEmpty()) {
            m.put("healthDetail", s.healthDetail());
        }
        m.put("restarts", s.restarts());
        s.startedAt().ifPresent(t -> {
            m.put("startedAt", t.toString());
            m.put("uptimeMillis", Duration.between(t, now).toMillis());
        });
        if (!s.originalConfig().isEmpty()) {
            m.put("originalConfig", s.originalConfig());
        }
        return m;
    }

    static Map<String, Object> details(SpawnpointDetails d, boolean all, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uri", d.uri());
        m.put("spawnpoint", d.spawnpoint().map(sp -> (Object) spawnpoint(sp, now)).orElse(null));
        Map<String, Object> meta = new LinkedHashMap<>();
        for (Map.Entry<String, MetadataTuple> e : d.metadata().entrySet()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("value", e.getValue().value());
            t.put("time", Instants.ofNanos(e.getValue().timestampNanos()).toString());
            meta.put(e.getKey(), t);
        }
        m.put("metadata", meta);
        List<Object> services = new ArrayList<>();
        for (ServiceInfo s : d.services().values()) {
            if (all || s.isFresh(now)) {
                services.add(service(s, now));
            }
        }
        m.put("services", services);
        return m;
    }
}
