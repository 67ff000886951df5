package org.spawnpoint.spawnable;

import java.io.IOException;
import java.util.Optional;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;
import org.spawnpoint.bosswave.MetadataTuple;

/**
 * The SMetadata payload (PO 2.0.3.1): a msgpack map {@code {"val": string, "ts": int64 unix ns}}, keys in that order
 * as bw2bind's struct encodes them.
 */
final class MetadataCodec {

    private MetadataCodec() {
    }

    static byte[] encode(String value, long timestampNanos) {
        try (MessageBufferPacker p = MessagePack.newDefaultBufferPacker()) {
            p.packMapHeader(2);
            p.packString("val");
            p.packString(value);
            p.packString("ts");
            p.writePayload(goInt64(timestampNanos));
            return p.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("in-memory msgpack encoding failed", e);
        }
    }

    /**
     * The tuple in {@code content}, or empty when it is not a map with a string {@code val} and an integer
     * {@code ts} (of any msgpack width). Other keys are ignored.
     */
    static Optional<MetadataTuple> decode(byte[] content) {
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(content)) {
            if (!u.hasNext() || u.getNextFormat().getValueType() != ValueType.MAP) {
                return Optional.empty();
            }
            int entries = u.unpackMapHeader();
            String value = null;
            Long ts = null;
            for (int i = 0; i < entries; i++) {
                if (u.getNextFormat().getValueType() != ValueType.STRING) {
                    u.skipValue(2);
                    continue;
                }
                String key = u.unpackString();
                ValueType type = u.getNextFormat().getValueType();
                if (key.equals("val") && type == ValueType.STRING) {
                    value = u.unpackString();
                } else if (key.equals("ts") && type == ValueType.INTEGER) {
                    ts = u.unpackLong();
                } else {
                    u.skipValue();
                }
            }
            return value != null && ts != null ? Optional.of(new MetadataTuple(value, ts)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            // Truncated data, a uint64 beyond int64, invalid UTF-8: not a tuple we can compare against.
            return Optional.empty();
        }
    }

    /** An int64 the way the Go msgpack.v2 encoder writes it: the smallest signed form that holds it. */
    private static byte[] goInt64(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            return bigEndian((byte) 0xd3, v, 8);
        }
        if (v < Short.MIN_VALUE || v > Short.MAX_VALUE) {
            return bigEndian((byte) 0xd2, v, 4);
        }
        if (v < Byte.MIN_VALUE || v > Byte.MAX_VALUE) {
            return bigEndian((byte) 0xd1, v, 2);
        }
        if (v < -32) {
            return bigEndian((byte) 0xd0, v, 1);
        }
        return new byte[] {(byte) v};
    }

    private static byte[] bigEndian(byte code, long v, int width) {
        byte[] b = new byte[width + 1];
        b[0] = code;
        for (int i = 0; i < width; i++) {
            b[width - i] = (byte) (v >>> (8 * i));
        }
        return b;
    }
}
