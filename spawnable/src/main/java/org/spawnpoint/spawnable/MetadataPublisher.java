package org.spawnpoint.spawnable;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * Merges metadata from parameters onto URIs, newer wins (Go {@code MergeMetadata}, {@code MergeMetadataOnURI}).
 *
 * <p>For each key the existing tuple at exactly {@code <uri>/!meta/<key>} is queried (autochain). When it decodes
 * and its timestamp is the same as or newer than the new one, it is kept; otherwise (none, older, or not a valid
 * SMetadata payload) the new tuple is published there persisted, with autochain. The exact URI is queried, not the
 * prefix-merged view of {@link BosswaveClient#getMetadata}: an inherited value set on a parent URI must not stop a
 * deeper URI from getting its own. A failure on one key is reported in its {@link Outcome} and the others go on.
 */
public final class MetadataPublisher {
    private static final Logger log = LoggerFactory.getLogger(MetadataPublisher.class);

    /** What happened to one key. */
    public enum Status {
        /** The new value was published. */
        SET,
        /** The existing tuple was as new or newer; nothing was published. */
        KEPT_EXISTING,
        /** The query or the publish failed; {@link Outcome#detail()} says how. */
        FAILED
    }

    /** The result for one {@code <uri>/!meta/<key>}. */
    public record Outcome(String uri, String value, Status status, String detail) {
    }

    private final BosswaveClient client;
    private final Clock clock;

    /** Publishes through {@code client}, which must have its entity set; timestamps come from the UTC system clock. */
    public MetadataPublisher(BosswaveClient client) {
        this(client, Clock.systemUTC());
    }

    MetadataPublisher(BosswaveClient client, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Applies every suffix under the {@code metadata} parameter below {@code svc_base_uri}, valid from
     * {@code metavalid} (or now). Parameter errors throw {@link ParamsException} before anything is published.
     */
    public List<Outcome> merge(Params params) {
        String base = Spawnable.baseUri(params);
        List<ParamsMetadata.Entry> entries = ParamsMetadata.entries(params);
        Instant validFrom = ParamsMetadata.validFrom(params, clock);
        Map<String, Map<String, String>> bySuffix = new LinkedHashMap<>();
        for (ParamsMetadata.Entry e : entries) {
            bySuffix.computeIfAbsent(e.suffix(), s -> new LinkedHashMap<>()).put(e.key(), e.value());
        }
        List<Outcome> outcomes = new ArrayList<>();
        bySuffix.forEach((suffix, values) -> outcomes.addAll(mergeOnUri(join(base, suffix), values, validFrom)));
        return outcomes;
    }

    /** Applies {@code values} as metadata of {@code uri}, each tuple stamped {@code validFrom}, newer wins. */
    public List<Outcome> mergeOnUri(String uri, Map<String, String> values, Instant validFrom) {
        String target = trimTrailingSlashes(Objects.requireNonNull(uri, "uri"));
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, String> kv : values.entrySet()) {
            outcomes.add(mergeOne(target + "/!meta/" + kv.getKey(), kv.getValue(), validFrom));
        }
        return outcomes;
    }

    private Outcome mergeOne(String metaUri, String value, Instant validFrom) {
        long ts = validFrom.getEpochSecond() * 1_000_000_000L + validFrom.getNano();
        log.info("Apply {} to {}", value, metaUri);
        Optional<Message> existing;
        try {
            existing = client.queryOne(QueryParams.uri(metaUri).autoChain(true));
        } catch (BosswaveException e) {
            return failed(metaUri, value, "could not query the existing metadata: " + e.getMessage());
        }
        Optional<MetadataTuple> current = existing.flatMap(m -> m.payload(PoNum.SMETADATA))
                .flatMap(MetadataPublisher::tupleOf);
        if (existing.isPresent() && current.isEmpty()) {
            log.warn("Existing message at {} holds no valid metadata tuple; replacing it", metaUri);
        }
        if (current.isPresent() && current.get().timestampNanos() >= ts) {
            MetadataTuple t = current.get();
            String detail = "existing value \"" + t.value() + "\" from " + Instant.ofEpochSecond(0, t.timestampNanos())
                    + " is as new as or newer than " + validFrom;
            log.info("Existing metadata is same/newer for {}: {}", metaUri, detail);
            return new Outcome(metaUri, value, Status.KEPT_EXISTING, detail);
        }
        try {
            client.publish(PublishParams.uri(metaUri).autoChain(true).persist(true)
                    .payload(Payloads.metadata(new MetadataTuple(value, ts))));
        } catch (BosswaveException e) {
            return failed(metaUri, value, "could not publish the metadata: " + e.getMessage());
        }
        log.info("Set {} to {} @({})", metaUri, value, validFrom);
        return new Outcome(metaUri, value, Status.SET, "valid from " + validFrom);
    }

    /** The tuple in a PO 2.0.3.1, or empty when it is not one we can compare against. */
    private static Optional<MetadataTuple> tupleOf(PayloadObject po) {
        try {
            return Optional.of(Payloads.metadataTuple(po));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Outcome failed(String metaUri, String value, String detail) {
        log.warn("Metadata {} = {} not applied: {}", metaUri, value, detail);
        return new Outcome(metaUri, value, Status.FAILED, detail);
    }

    static String join(String base, String suffix) {
        String s = suffix;
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        return trimTrailingSlashes(s.isEmpty() ? base : base + "/" + s);
    }

    static String trimTrailingSlashes(String uri) {
        String u = uri;
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
