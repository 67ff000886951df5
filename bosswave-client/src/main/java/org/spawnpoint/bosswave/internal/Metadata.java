package org.spawnpoint.bosswave.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.payload.PoNum;

/**
 * bw2bind's metadata convention (bosswave-oob.md §6): PO 2.0.3.1 persisted at {@code uri/!meta/key}; reads merge
 * every prefix of the URI, namespace included, deeper prefixes winning.
 */
final class Metadata {
    private static final Logger LOG = LoggerFactory.getLogger(Metadata.class);

    private Metadata() {
    }

    static void set(DefaultBosswaveClient c, String uri, String key, String value) {
        c.publish(setting(uri, key, new MetadataTuple(value, nowNanos())));
    }

    /** What {@link #set} publishes: the tuple persisted with autochain at {@code uri/!meta/key}. */
    static PublishParams setting(String uri, String key, MetadataTuple tuple) {
        return PublishParams.uri(metaUri(uri, key)).autoChain(true).persist(true).payload(Payloads.metadata(tuple));
    }

    /** Persists an empty message over the key: BOSSWAVE never removes anything, readers skip entries without PO. */
    static void delete(DefaultBosswaveClient c, String uri, String key) {
        c.publish(deleting(uri, key));
    }

    /** What {@link #delete} publishes: a persist with no PO at all, as bw2bind's {@code DelMetadata}. */
    static PublishParams deleting(String uri, String key) {
        return PublishParams.uri(metaUri(uri, key)).autoChain(true).persist(true);
    }

    /**
     * Queries every prefix at once. Uses the client's internal futures, not the async API, so that this also works
     * from a handler running on a single-thread callback executor.
     */
    static Map<String, MetadataTuple> get(DefaultBosswaveClient c, String uri) {
        List<String> prefixes = prefixes(uri);
        List<CompletableFuture<List<Message>>> queries = new ArrayList<>();
        for (String prefix : prefixes) {
            queries.add(c.queryFuture(QueryParams.uri(prefix + "/!meta/+").autoChain(true)));
        }
        Map<String, MetadataTuple> merged = new LinkedHashMap<>();
        for (int i = 0; i < prefixes.size(); i++) {
            List<Message> results = resultsOrEmpty(c, queries.get(i), i == prefixes.size() - 1, prefixes.get(i));
            for (Message m : results) {
                Optional<MetadataTuple> t = tuple(m);
                if (t.isPresent() && m.uri() != null) {
                    String k = m.uri().substring(m.uri().lastIndexOf('/') + 1);
                    // Later (deeper) prefixes overwrite shallower ones.
                    merged.put(k, t.get());
                }
            }
        }
        return merged;
    }

    static Optional<MetadataTuple> getKey(DefaultBosswaveClient c, String uri, String key) {
        List<String> prefixes = prefixes(uri);
        List<CompletableFuture<List<Message>>> queries = new ArrayList<>();
        for (String prefix : prefixes) {
            queries.add(c.queryFuture(QueryParams.uri(prefix + "/!meta/" + key).autoChain(true)));
        }
        Optional<MetadataTuple> best = Optional.empty();
        for (int i = 0; i < prefixes.size(); i++) {
            List<Message> results = resultsOrEmpty(c, queries.get(i), i == prefixes.size() - 1, prefixes.get(i));
            if (!results.isEmpty()) {
                Optional<MetadataTuple> t = tuple(results.get(0));
                if (t.isPresent()) {
                    best = t;
                }
            }
        }
        return best;
    }

    /** A prefix's results; {@code [401]} on a prefix other than the full URI means "no access there" and is ignored. */
    private static List<Message> resultsOrEmpty(DefaultBosswaveClient c, CompletableFuture<List<Message>> q,
                                                boolean fullUri, String prefix) {
        try {
            return Futures.await(q, "query metadata of " + prefix, c.timeoutOf(null));
        } catch (RouterErrorException e) {
            if (e.code() == 401 && !fullUri) {
                LOG.debug("no access to metadata of prefix {}: {}", prefix, e.getMessage());
                return List.of();
            }
            throw e;
        }
    }

    private static Optional<MetadataTuple> tuple(Message m) {
        Optional<PayloadObject> po = m.payload(PoNum.SMETADATA);
        if (po.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Payloads.metadataTuple(po.get()));
        } catch (IllegalArgumentException e) {
            LOG.warn("ignoring malformed metadata at {}: {}", m.uri(), e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code ns/a/b} → {@code ns}, {@code ns/a}, {@code ns/a/b} (trailing {@code /} trimmed first). */
    static List<String> prefixes(String uri) {
        String u = trimTrailingSlash(uri);
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int slash = u.indexOf('/', from);
            if (slash < 0) {
                out.add(u);
                return out;
            }
            out.add(u.substring(0, slash));
            from = slash + 1;
        }
    }

    static String metaUri(String uri, String key) {
        if (key == null || key.isEmpty() || key.contains("/")) {
            throw new IllegalArgumentException("metadata key must be one non-empty URI element, got '" + key + "'");
        }
        return trimTrailingSlash(uri) + "/!meta/" + key;
    }

    private static String trimTrailingSlash(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("uri is required (namespace/suffix)");
        }
        return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
    }

    static long nowNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
