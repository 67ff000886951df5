package org.spawnpoint.spawnable;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The parameters of a service, read from a YAML file such as {@code params.yml} (Go {@code spawnable.Params}).
 *
 * <p>The {@code require...} getters fail with a {@link ParamsException} naming the key, the file and what was
 * expected; the {@code get...} variants return a default when the key is absent or has no value, but still fail when
 * a value is present with the wrong type (a typo in a type should not silently become the default). Types are strict,
 * as in Go: {@code port: 80} is an integer, not the string {@code "80"}.
 */
public final class Params {
    /** Base of the URIs the service publishes under; used by {@link Spawnable#registerService} and metadata. */
    public static final String SVC_BASE_URI = "svc_base_uri";
    /** Metadata to merge onto URIs below {@link #SVC_BASE_URI}: suffix → (key → value). */
    public static final String METADATA = "metadata";
    /** Time from which the metadata in {@link #METADATA} is valid. */
    public static final String METAVALID = "metavalid";
    /** A base64 entity blob, as the Go {@code GetEntity} reads it. */
    public static final String ENTITYX = "entityx";

    private final String source;
    private final Map<String, Object> values;

    Params(String source, Map<String, Object> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
    }

    /** The file these parameters came from, as it was named. */
    public String source() {
        return source;
    }

    /** The keys present (unmodifiable). */
    public Set<String> keys() {
        return values.keySet();
    }

    /** True when the key is present, even with an empty value. */
    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** The value as parsed (String, Integer, Long, BigInteger, Double, Boolean, List, Map or null). */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** Every parameter as parsed, unmodifiable. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** A string value; fails naming the key if it is missing or not a string. */
    public String requireString(String key) {
        return asString(key, require(key, "a string"));
    }

    /** A string value, or {@code defaultValue} when the key is absent or empty. */
    public String getString(String key, String defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asString(key, v);
    }

    /** An integer that fits in an {@code int}; fails naming the key if it is missing, not an integer or too large. */
    public int requireInt(String key) {
        return asInt(key, require(key, "an integer"));
    }

    /** An {@code int}, or {@code defaultValue} when the key is absent or empty. */
    public int getInt(String key, int defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asInt(key, v);
    }

    /** An integer that fits in a {@code long}; fails naming the key if it is missing or not such an integer. */
    public long requireLong(String key) {
        return asLong(key, require(key, "an integer"));
    }

    /** A {@code long}, or {@code defaultValue} when the key is absent or empty. */
    public long getLong(String key, long defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asLong(key, v);
    }

    /** A number; integers are accepted too. */
    public double requireDouble(String key) {
        return asDouble(key, require(key, "a number"));
    }

    /** A number, or {@code defaultValue} when the key is absent or empty; integers are accepted too. */
    public double getDouble(String key, double defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asDouble(key, v);
    }

    /** A YAML boolean: {@code true}/{@code false} (and YAML 1.1's {@code yes}/{@code no}/{@code on}/{@code off}). */
    public boolean requireBool(String key) {
        return asBool(key, require(key, "a boolean (true or false)"));
    }

    /** A YAML boolean, or {@code defaultValue} when the key is absent or empty. */
    public boolean getBool(String key, boolean defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asBool(key, v);
    }

    /** A YAML list whose every element is a string; an element of another type is an error naming its index. */
    public List<String> requireStringList(String key) {
        return asStringList(key, require(key, "a list of strings"));
    }

    /** A list of strings, or {@code defaultValue} when the key is absent or empty. */
    public List<String> getStringList(String key, List<String> defaultValue) {
        Object v = values.get(key);
        return v == null ? defaultValue : asStringList(key, v);
    }

    /** The entity under {@code entityx}, base64-decoded (Go {@code GetEntity}). */
    public byte[] requireEntity() {
        String b64 = requireString(ENTITYX);
        try {
            return Base64.getDecoder().decode(b64.strip());
        } catch (IllegalArgumentException e) {
            throw wrongType(ENTITYX, "base64 text (standard alphabet)", "not valid base64: " + e.getMessage());
        }
    }

    private Object require(String key, String expected) {
        if (!values.containsKey(key)) {
            throw new ParamsException(source, "Missing parameter '" + key + "' in " + source + ": expected "
                    + expected);
        }
        Object v = values.get(key);
        if (v == null) {
            throw new ParamsException(source, "Parameter '" + key + "' in " + source + " has no value: expected "
                    + expected);
        }
        return v;
    }

    private String asString(String key, Object v) {
        if (v instanceof String s) {
            return s;
        }
        String hint = v instanceof Map || v instanceof List ? "" : " (put it in quotes to use it as text)";
        throw wrongType(key, "a string", describe(v) + hint);
    }

    private int asInt(String key, Object v) {
        long l = asLong(key, v);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw wrongType(key, "an integer between " + Integer.MIN_VALUE + " and " + Integer.MAX_VALUE,
                    describe(v));
        }
        return (int) l;
    }

    private long asLong(String key, Object v) {
        if (v instanceof Integer || v instanceof Long) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            throw wrongType(key, "an integer between " + Long.MIN_VALUE + " and " + Long.MAX_VALUE, describe(v));
        }
        throw wrongType(key, "an integer", describe(v));
    }

    private double asDouble(String key, Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrongType(key, "a number", describe(v));
    }

    private boolean asBool(String key, Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrongType(key, "a boolean (true or false)", describe(v));
    }

    private List<String> asStringList(String key, Object v) {
        if (!(v instanceof List<?> list)) {
            throw wrongType(key, "a list of strings", describe(v));
        }
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object e = list.get(i);
            if (!(e instanceof String s)) {
                throw wrongType(key, "a list of strings", "a list whose element " + i + " (counting from 0) is "
                        + describe(e));
            }
            result.add(s);
        }
        return List.copyOf(result);
    }

    ParamsException wrongType(String key, String expected, String actual) {
        return new ParamsException(source, "Parameter '" + key + "' in " + source + " should be " + expected
                + ", but it is " + actual);
    }

    /** How a parsed YAML value reads in an error message. */
    static String describe(Object v) {
        if (v == null) {
            return "empty (null)";
        }
        if (v instanceof String s) {
            String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
            return "the string \"" + shown + "\"";
        }
        if (v instanceof Integer || v instanceof Long || v instanceof BigInteger) {
            return "the integer " + v;
        }
        if (v instanceof Number) {
            return "the number " + v;
        }
        if (v instanceof Boolean) {
            return "the boolean " + v;
        }
        if (v instanceof List<?> l) {
            return "a list of " + l.size() + " element" + (l.size() == 1 ? "" : "s");
        }
        if (v instanceof Map<?, ?>) {
            return "a mapping";
        }
        if (v instanceof byte[]) {
            return "binary data";
        }
        return "a " + v.getClass().getSimpleName();
    }
}
