package org.spawnpoint.bosswave.payload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * Payload object builders and decoders (bw2bind {@code Create*PayloadObject}, {@code Value()}): String, text, msgpack
 * and the metadata tuple.
 *
 * <p>msgpack values map to Java as: map ↔ {@link Map} (decoded as {@link LinkedHashMap}, key order kept), array ↔
 * {@link List} (or a Java array / {@link Collection} when encoding), str ↔ {@link String}, bin ↔ {@code byte[]},
 * integers ↔ {@link Long} (a {@link BigInteger} above {@code Long.MAX_VALUE}; any integral {@link Number} when
 * encoding), floats ↔ {@link Double} ({@link Float} is written as float32), bool ↔ {@link Boolean}, nil ↔ null.
 */
public final class Payloads {

    private Payloads() {
    }

    /** PO 64.0.1.0, UTF-8. */
    public static PayloadObject string(String text) {
        return PayloadObject.ofString(text);
    }

    /** A text PO of any number, UTF-8. */
    public static PayloadObject text(int type, String text) {
        return PayloadObject.ofText(type, text);
    }

    /** A msgpack PO of {@code value}. */
    public static PayloadObject msgpack(int type, Object value) {
        return PayloadObject.of(type, toMsgpack(value));
    }

    /** PO 2.0.3.1: msgpack map {@code {"val": value, "ts": nanos}} in that key order, as bw2bind encodes it. */
    public static PayloadObject metadata(MetadataTuple tuple) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("val", tuple.value());
        m.put("ts", tuple.timestampNanos());
        return PayloadObject.of(PoNum.SMETADATA, toMsgpack(m));
    }

    /** The tuple of a PO 2.0.3.1. */
    public static MetadataTuple metadataTuple(PayloadObject po) {
        if (po.type() != PoNum.SMETADATA) {
            throw new IllegalArgumentException("metadata must be PO 2.0.3.1, got " + po.dottedType());
        }
        Object v = fromMsgpack(po.content());
        if (!(v instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException("PO 2.0.3.1 must hold a msgpack map {val, ts}, got " + describe(v));
        }
        Object val = m.get("val");
        Object ts = m.get("ts");
        if (val != null && !(val instanceof String)) {
            throw new IllegalArgumentException("PO 2.0.3.1 field 'val' must be a string, got " + describe(val));
        }
        if (ts != null && !(ts instanceof Long)) {
            throw new IllegalArgumentException("PO 2.0.3.1 field 'ts' must be an int64 (Unix nanoseconds), got "
                    + (ts instanceof BigInteger ? "an integer beyond int64" : describe(ts)));
        }
        return new MetadataTuple(val == null ? "" : (String) val, ts == null ? 0 : ((Number) ts).longValue());
    }

    /**
     * Decodes by family in bw2bind's order: 2.0.3.1 → {@link MetadataTuple}; 67.0.0.0/8 → its YAML text as a
     * {@link String}; 2.0.0.0/8 → msgpack value; 64.0.0.0/4 → {@link String}; anything else → the raw {@code byte[]}.
     *
     * <p>YAML is left as text on purpose: this module carries no YAML parser (issue 13: SnakeYAML is not forced on
     * every user of the codec); the one reader of YAML payloads, spawnd, parses them with its own config model.
     */
    public static Object decode(PayloadObject po) {
        if (po.type() == PoNum.SMETADATA) {
            return metadataTuple(po);
        }
        if (po.isType(PoNum.YAML_FAMILY, 8)) {
            return po.contentAsString();
        }
        if (po.isType(PoNum.MSGPACK, 8)) {
            return fromMsgpack(po.content());
        }
        if (po.isType(PoNum.TEXT_FAMILY, 4)) {
            return po.contentAsString();
        }
        return po.content();
    }

    /**
     * {@code value} as msgpack, mapped as the class comment says; integers in their smallest form (Go's encoder does
     * the same).
     */
    public static byte[] toMsgpack(Object value) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            pack(p, value, "value");
            return p.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("packing into memory cannot fail", e);
        }
    }

    /** Decodes exactly one msgpack value; trailing bytes are an error. */
    public static Object fromMsgpack(byte[] bytes) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            if (!u.hasNext()) {
                throw new IllegalArgumentException("msgpack payload is empty");
            }
            Object v = unpack(u, 0, bytes.length);
            if (u.hasNext()) {
                throw new IllegalArgumentException("msgpack payload has " + (bytes.length - u.getTotalReadBytes())
                        + " bytes after its value");
            }
            return v;
        } catch (IOException | MessagePackException e) {
            throw new IllegalArgumentException("malformed msgpack payload: " + e.getMessage(), e);
        }
    }

    private static void pack(MessageBufferPacker p, Object v, String path) throws IOException {
        if (v == null) {
            p.packNil();
        } else if (v instanceof String s) {
            p.packString(s);
        } else if (v instanceof Boolean b) {
            p.packBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            p.packLong(((Number) v).longValue());
        } else if (v instanceof BigInteger bi) {
            p.packBigInteger(bi);
        } else if (v instanceof Float f) {
            p.packFloat(f);
        } else if (v instanceof Double d) {
            p.packDouble(d);
        } else if (v instanceof byte[] b) {
            p.packBinaryHeader(b.length);
            p.writePayload(b);
        } else if (v instanceof Map<?, ?> m) {
            p.packMapHeader(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                pack(p, e.getKey(), path + ".<key>");
                pack(p, e.getValue(), path + "." + e.getKey());
            }
        } else if (v instanceof Collection<?> c) {
            p.packArrayHeader(c.size());
            int i = 0;
            for (Object o : c) {
                pack(p, o, path + "[" + i++ + "]");
            }
        } else if (v.getClass().isArray()) {
            int n = Array.getLength(v);
            p.packArrayHeader(n);
            for (int i = 0; i < n; i++) {
                pack(p, Array.get(v, i), path + "[" + i + "]");
            }
        } else if (v instanceof Character c) {
            p.packString(c.toString());
        } else {
            throw new IllegalArgumentException(path + ": cannot encode " + v.getClass().getName()
                    + " as msgpack (use Map, List, String, Number, Boolean, byte[] or null)");
        }
    }

    private static Object unpack(MessageUnpacker u, int depth, long total) throws IOException {
        if (depth > 512) {
            throw new IllegalArgumentException("msgpack payload nests deeper than 512 levels");
        }
        ValueType t = u.getNextFormat().getValueType();
        switch (t) {
            case NIL -> {
                u.unpackNil();
                return null;
            }
            case BOOLEAN -> {
                return u.unpackBoolean();
            }
            case INTEGER -> {
                BigInteger bi = u.unpackBigInteger();
                return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
            }
            case FLOAT -> {
                return u.unpackDouble();
            }
            case STRING -> {
                int n = checkedLength(u, u.unpackRawStringHeader(), total);
                return new String(u.readPayload(n), StandardCharsets.UTF_8);
            }
            case BINARY -> {
                return u.readPayload(checkedLength(u, u.unpackBinaryHeader(), total));
            }
            case ARRAY -> {
                int n = u.unpackArrayHeader();
                List<Object> out = new ArrayList<>(Math.min(n, 1024));
                for (int i = 0; i < n; i++) {
                    out.add(unpack(u, depth + 1, total));
                }
                return out;
            }
            case MAP -> {
                int n = u.unpackMapHeader();
                Map<Object, Object> out = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object k = unpack(u, depth + 1, total);
                    out.put(k, unpack(u, depth + 1, total));
                }
                return out;
            }
            case EXTENSION -> {
                var h = u.unpackExtensionTypeHeader();
                return u.readPayload(checkedLength(u, h.getLength(), total));
            }
            default -> throw new IllegalArgumentException("unsupported msgpack type " + t);
        }
    }

    /** A length read from the payload, refused when larger than what is left, so bad input cannot make us allocate. */
    private static int checkedLength(MessageUnpacker u, int length, long total) {
        if (length < 0 || length > total - u.getTotalReadBytes()) {
            throw new IllegalArgumentException("msgpack payload declares " + Integer.toUnsignedString(length)
                    + " bytes but only " + (total - u.getTotalReadBytes()) + " remain");
        }
        return length;
    }

    private static String describe(Object v) {
        return v == null ? "nil" : v.getClass().getSimpleName();
    }
}
