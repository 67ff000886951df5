package org.spawnpoint.spawnable;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code metadata} and {@code metavalid} parameters (Go {@code ParamsMetadataFromURI}).
 *
 * <p>{@code metadata} maps URI suffixes (relative to {@code svc_base_uri}) to key/value mappings. The Go code only
 * took mappings, while its package documentation showed lists of one-key mappings; both forms are accepted here.
 * Values may be any YAML scalar and are used as their text (Go panicked on a non-string); nested lists or mappings
 * are an error naming the suffix and key, as is a key given twice.
 */
final class ParamsMetadata {

    record Entry(String suffix, String key, String value) {
    }

    /** Go's {@code time.UnixDate}, which the code really parsed {@code metavalid} with. */
    static final DateTimeFormatter UNIX_DATE = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss zzz yyyy", Locale.US);
    /** The layout the Go doc comments gave ({@code 2006-01-02T15:04:05 MST}). */
    static final DateTimeFormatter DOC_LAYOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss zzz", Locale.US);

    private ParamsMetadata() {
    }

    static List<Entry> entries(Params params) {
        Object all = params.raw(Params.METADATA).orElse(null);
        if (all == null) {
            throw new ParamsException(params.source(), "Missing parameter '" + Params.METADATA + "' in "
                    + params.source() + ": expected a mapping of URI suffixes to key/value mappings");
        }
        Map<String, Map<String, String>> bySuffix = new LinkedHashMap<>();
        for (Map.Entry<String, Object> section : pairs(params, Params.METADATA, all).entrySet()) {
            String suffix = section.getKey();
            String where = Params.METADATA + "' suffix '" + suffix;
            if (suffix.contains("*") || suffix.contains("+") || suffix.contains("//") || suffix.contains("!meta")) {
                throw params.wrongType(Params.METADATA, "URI suffixes without wildcards, empty elements or !meta",
                        "a mapping with the suffix '" + suffix + "'");
            }
            Map<String, String> values = bySuffix.computeIfAbsent(suffix, s -> new LinkedHashMap<>());
            if (section.getValue() == null) {
                continue;
            }
            for (Map.Entry<String, Object> kv : pairs(params, where, section.getValue()).entrySet()) {
                String key = kv.getKey();
                if (key.isEmpty() || key.contains("/") || key.contains("*") || key.contains("+")) {
                    throw params.wrongType(where, "keys without '/', '*' or '+'", "a mapping with the key '" + key
                            + "'");
                }
                if (values.containsKey(key)) {
                    throw params.wrongType(where, "a mapping in which each key appears once", "a mapping in which '"
                            + key + "' appears twice");
                }
                values.put(key, scalarText(params, where + "' key '" + key, kv.getValue()));
            }
        }
        List<Entry> entries = new ArrayList<>();
        bySuffix.forEach((suffix, values) -> values.forEach((k, v) -> entries.add(new Entry(suffix, k, v))));
        return entries;
    }

    /** When the metadata counts as valid from: {@code metavalid}, else now; to the second, as Go's format kept it. */
    static Instant validFrom(Params params, Clock clock) {
        Object raw = params.raw(Params.METAVALID).orElse(null);
        if (raw == null) {
            return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        String expected = "a time such as \"Mon Jan  2 15:04:05 MST 2006\" (Go UnixDate), \"2006-01-02T15:04:05 MST\""
                + " or \"2006-01-02T15:04:05Z\" (ISO-8601)";
        if (!(raw instanceof String text)) {
            throw params.wrongType(Params.METAVALID, expected, Params.describe(raw));
        }
        String t = text.strip();
        for (DateTimeFormatter f : List.of(UNIX_DATE, DOC_LAYOUT)) {
            try {
                return ZonedDateTime.parse(t, f).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            } catch (DateTimeParseException ignored) {
                // try the next layout
            }
        }
        try {
            return OffsetDateTime.parse(t).toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        } catch (DateTimeParseException e) {
            throw params.wrongType(Params.METAVALID, expected, Params.describe(raw));
        }
    }

    /** A mapping, or a list of one-key mappings, as ordered pairs with text keys. */
    private static Map<String, Object> pairs(Params params, String where, Object value) {
        String expected = "a mapping (or a list of one-key mappings)";
        Map<String, Object> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                result.put(keyText(params, where, e.getKey()), e.getValue());
            }
            return result;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> one) || one.size() != 1) {
                    throw params.wrongType(where, expected, "a list whose element " + i + " is "
                            + Params.describe(list.get(i)));
                }
                Map.Entry<?, ?> e = one.entrySet().iterator().next();
                String key = keyText(params, where, e.getKey());
                if (!result.containsKey(key)) {
                    result.put(key, e.getValue());
                } else if (isSection(result.get(key)) && isSection(e.getValue())) {
                    result.put(key, concatSections(result.get(key), e.getValue()));
                } else {
                    throw params.wrongType(where, "each key once", "a list in which '" + key + "' appears twice");
                }
            }
            return result;
        }
        throw params.wrongType(where, expected, Params.describe(value));
    }

    private static boolean isSection(Object v) {
        return v instanceof Map || v instanceof List;
    }

    /** The same suffix listed twice in the list form: keep both sections' pairs, in order. */
    private static Object concatSections(Object a, Object b) {
        List<Object> joined = new ArrayList<>();
        for (Object section : List.of(a, b)) {
            if (section instanceof Map<?, ?> m) {
                m.forEach((k, v) -> joined.add(java.util.Collections.singletonMap(k, v)));
            } else if (section instanceof List<?> l) {
                joined.addAll(l);
            }
        }
        return joined;
    }

    private static String keyText(Params params, String where, Object key) {
        if (key instanceof String s) {
            return s;
        }
        throw params.wrongType(where, "a mapping with text keys", "a mapping with the key " + Params.describe(key));
    }

    private static String scalarText(Params params, String where, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return String.valueOf(value);
        }
        throw params.wrongType(where, "a text, number or boolean value", Params.describe(value));
    }
}
