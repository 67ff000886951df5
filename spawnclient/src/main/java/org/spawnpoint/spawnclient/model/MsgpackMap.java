package org.spawnpoint.spawnclient.model;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.Value;
import org.msgpack.value.ValueType;

/**
 * The msgpack maps of Spawnpoint's payloads, read tolerantly and written as Go's vmihailenco/msgpack does.
 *
 * <p>Reading: keys are matched case-sensitively, unknown keys are skipped, missing keys read as zero values,
 * integers of any width are accepted (a float is accepted where a float is due and an integer arrives, and the
 * other way round when it is whole). Writing: keys in Go field order, integers as fixed-width int64
 * ({@code 0xd3}), floats as float64 ({@code 0xcb}), as in the captured heartbeats.
 */
final class MsgpackMap {
    private final String what;
    private final Map<String, Value> fields;

    private MsgpackMap(String what, Map<String, Value> fields) {
        this.what = what;
        this.fields = fields;
    }

    static MsgpackMap decode(String what, byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new PayloadFormatException(what + ": expected a msgpack map, got an empty payload");
        }
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(bytes)) {
            Value v = u.unpackValue();
            if (!v.isMapValue()) {
                throw new PayloadFormatException(what + ": expected a msgpack map, got " + describe(v));
            }
            Map<String, Value> out = new HashMap<>();
            for (Map.Entry<Value, Value> e : v.asMapValue().entrySet()) {
                Value k = e.getKey();
                if (k.isStringValue()) {
                    out.put(k.asStringValue().asString(), e.getValue());
                } else if (k.isBinaryValue()) {
                    out.put(new String(k.asBinaryValue().asByteArray(), java.nio.charset.StandardCharsets.UTF_8), e.getValue());
                }
            }
            return new MsgpackMap(what, out);
        } catch (IOException | RuntimeException e) {
            if (e instanceof PayloadFormatException p) {
                throw p;
            }
            throw new PayloadFormatException(what + ": not valid msgpack (" + e.getMessage() + ")", e);
        }
    }

    private static String describe(Value v) {
        return "a msgpack " + v.getValueType().name().toLowerCase(java.util.Locale.ROOT);
    }

    private PayloadFormatException wrong(String key, String expected, Value v) {
        return new PayloadFormatException(what + " key '" + key + "': expected " + expected + ", got " + describe(v));
    }

    String string(String key) {
        Value v = fields.get(key);
        if (v == null || v.isNilValue()) {
            return "";
        }
        if (v.isStringValue()) {
            return v.asStringValue().asString();
        }
        if (v.isBinaryValue()) {
            return new String(v.asBinaryValue().asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
        }
        throw wrong(key, "a string", v);
    }

    long integer(String key) {
        Value v = fields.get(key);
        if (v == null || v.isNilValue()) {
            return 0;
        }
        if (v.isIntegerValue()) {
            // uint64 values above Long.MAX_VALUE keep their bits, as Go's uint64 would.
            return v.asIntegerValue().toLong();
        }
        if (v.isFloatValue()) {
            double d = v.asFloatValue().toDouble();
            if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
        }
        throw wrong(key, "an integer", v);
    }

    double real(String key) {
        Value v = fields.get(key);
        if (v == null || v.isNilValue()) {
            return 0;
        }
        if (v.isFloatValue()) {
            return v.asFloatValue().toDouble();
        }
        if (v.isIntegerValue()) {
            return v.asIntegerValue().toLong();
        }
        throw wrong(key, "a number", v);
    }

    List<String> strings(String key) {
        Value v = fields.get(key);
        if (v == null || v.isNilValue()) {
            return List.of();
        }
        if (!v.isArrayValue()) {
            throw wrong(key, "an array of strings", v);
        }
        List<String> out = new ArrayList<>();
        for (Value item : v.asArrayValue()) {
            if (!item.isStringValue() && !item.isBinaryValue()) {
                throw wrong(key, "an array of strings", item);
            }
            out.add(item.isStringValue() ? item.asStringValue().asString()
                    : new String(item.asBinaryValue().asByteArray(), java.nio.charset.StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A bin (or str) value's bytes; empty when absent. */
    byte[] bytes(String key) {
        Value v = fields.get(key);
        if (v == null || v.isNilValue()) {
            return new byte[0];
        }
        if (v.isBinaryValue()) {
            return v.asBinaryValue().asByteArray();
        }
        if (v.isStringValue()) {
            return v.asStringValue().asByteArray();
        }
        throw wrong(key, "bytes", v);
    }

    boolean has(String key) {
        return fields.containsKey(key);
    }

    /** Writes a map in the given key order. */
    static final class Writer {
        private final MessageBufferPacker p = MessagePack.newDefaultBufferPacker();

        Writer(int size) {
            try {
                p.packMapHeader(size);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Writer string(String key, String value) {
            try {
                p.packString(key);
                p.packString(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Writer int64(String key, long value) {
            try {
                p.packString(key);
                // fixed width, as in the captured heartbeats: 0xd3 then 8 bytes big-endian
                p.writePayload(new byte[] {(byte) 0xd3});
                p.writePayload(java.nio.ByteBuffer.allocate(8).putLong(value).array());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Writer float64(String key, double value) {
            try {
                p.packString(key);
                p.packDouble(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Writer bin(String key, byte[] value) {
            try {
                p.packString(key);
                p.packBinaryHeader(value.length);
                p.writePayload(value);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        Writer strings(String key, List<String> values) {
            try {
                p.packString(key);
                p.packArrayHeader(values.size());
                for (String s : values) {
                    p.packString(s);
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return this;
        }

        byte[] toBytes() {
            try {
                p.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return p.toByteArray();
        }
    }
}
