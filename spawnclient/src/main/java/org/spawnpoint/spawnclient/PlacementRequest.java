package org.spawnpoint.spawnclient;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.UriGlob;

/**
 * What to place where: a service config and the spawnpoints it may go to.
 *
 * @param spawnpoints    a spawnpoint URI pattern ({@link UriGlob#uri}), e.g. {@code scratch.ns/spawnpoint/*}
 * @param where          metadata every candidate must have ({@code P/s.spawnpoint/!meta/<key>} merged over the URI's
 *                       prefixes, as scan shows it: values younger than {@link #METADATA_FRESH_WITHIN}), all equal
 * @param config         the service, with its name set
 * @param workDir        what relative paths in the config are taken from
 * @param admissionWait  how long one spawnpoint may take to admit or refuse before placement stops
 * @param clock          judges heartbeat and metadata ages
 */
public record PlacementRequest(String spawnpoints, Map<String, String> where, ServiceConfig config, Path workDir,
                               Duration admissionWait, Clock clock) {
    /** Metadata older than this does not count (the original's MetadataCutoff: spawnd -m republishes every 5 s). */
    public static final Duration METADATA_FRESH_WITHIN = Duration.ofMinutes(1);
    /** Our spawnd and 0.2 alike admit or refuse at once, before any image build. */
    public static final Duration DEFAULT_ADMISSION_WAIT = Duration.ofSeconds(30);

    public PlacementRequest {
        where = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(where));
    }

    /** Among the spawnpoints matching {@code spawnpoints}, no constraints, the default wait, the system clock. */
    public static PlacementRequest of(String spawnpoints, ServiceConfig config, Path workDir) {
        return new PlacementRequest(spawnpoints, Map.of(), config, workDir, DEFAULT_ADMISSION_WAIT, Clock.systemUTC());
    }

    /** The same request with these metadata constraints (key = value, all must hold). */
    public PlacementRequest withWhere(Map<String, String> constraints) {
        return new PlacementRequest(spawnpoints, constraints, config, workDir, admissionWait, clock);
    }

    /** The same request judging ages by {@code c}. */
    public PlacementRequest withClock(Clock c) {
        return new PlacementRequest(spawnpoints, where, config, workDir, admissionWait, c);
    }

    /** The same request waiting at most {@code d} for each spawnpoint's admission or refusal. */
    public PlacementRequest withAdmissionWait(Duration d) {
        return new PlacementRequest(spawnpoints, where, config, workDir, d, clock);
    }
}
