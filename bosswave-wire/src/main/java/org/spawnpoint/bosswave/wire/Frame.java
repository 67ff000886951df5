package org.spawnpoint.bosswave.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * One OOB frame: a 4-character command, a sequence number, and its kv, ro and po fields in order.
 *
 * <p>Immutable: the lists are unmodifiable copies; byte arrays inside fields are shared and must not be modified.
 */
public record Frame(String command, long seqNo, List<Kv> kvs, List<RoutingObject> ros, List<PayloadObject> pos) {

    /**
     * A key/value field. Keys are non-empty and never contain spaces or newlines (checked here, once per Kv: a frame
     * does not check again the Kvs that a reader shares between frames, which was 5% of the router's CPU samples per
     * publish); values are binary-safe.
     */
    public record Kv(String key, byte[] value) {
        public Kv {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
            if (!isKey(key)) {
                throw new IllegalArgumentException("kv key must be non-empty without spaces or newlines, got '" + key + "'");
            }
        }

        /** The value as UTF-8 text. */
        public String valueAsString() {
            return new String(value, StandardCharsets.UTF_8);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Kv k && k.key.equals(key) && Arrays.equals(k.value, value);
        }

        @Override
        public int hashCode() {
            return key.hashCode() * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return key + "=" + valueAsString();
        }
    }

    public static final long MAX_SEQNO = 0xFFFF_FFFFL;

    public Frame {
        Objects.requireNonNull(command, "command");
        if (!isCommand(command)) {
            throw new IllegalArgumentException("command must be 4 printable ASCII characters, got '" + command + "'");
        }
        if (seqNo < 0 || seqNo > MAX_SEQNO) {
            throw new IllegalArgumentException("seqNo must be 0.." + MAX_SEQNO + ", got " + seqNo);
        }
        kvs = List.copyOf(kvs); // each Kv checked its key
        ros = List.copyOf(ros);
        pos = List.copyOf(pos);
    }

    private static boolean isKey(String key) {
        // a key the reader shared is valid: checking it char by char was 4-6% of the router's CPU samples per publish
        if (InternedNames.isCommonKey(key)) {
            return true;
        }
        int n = key.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = key.charAt(i);
            if (c == ' ' || c == '\n') {
                return false;
            }
        }
        return true;
    }

    private static boolean isCommand(String command) {
        if (command.length() != 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            char c = command.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** A builder for a frame of {@code command} (4 characters) with sequence number {@code seqNo}. */
    public static Builder builder(String command, long seqNo) {
        return new Builder(command, seqNo);
    }

    /** The first value of {@code key} as UTF-8 text, or null when absent. */
    public String kv(String key) {
        byte[] v = kvBytes(key);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * The first value of {@code key} as bytes, or null when absent: shared, do not modify. Unlike {@link #kv} it makes
     * no String, for a server that only compares the value (a String per request kv was 3% of the router's garbage).
     */
    public byte[] kvBytes(String key) {
        for (int i = 0, n = kvs.size(); i < n; i++) {
            Kv kv = kvs.get(i);
            if (kv.key.equals(key)) {
                return kv.value;
            }
        }
        return null;
    }

    /** Every value of {@code key}, in frame order. */
    public List<String> kvAll(String key) {
        List<String> out = new ArrayList<>();
        for (Kv kv : kvs) {
            if (kv.key.equals(key)) {
                out.add(kv.valueAsString());
            }
        }
        return out;
    }

    /** Whether {@code key} is present. */
    public boolean hasKv(String key) {
        return kv(key) != null;
    }

    /** The {@code finished} kv parsed like Go's ParseBool; false when absent or unparsable. */
    public boolean finished() {
        return parseBool(kv("finished"), false);
    }

    /** Go {@code strconv.ParseBool} semantics; {@code dflt} when absent or not a boolean. */
    public static boolean parseBool(String v, boolean dflt) {
        if (v == null) {
            return dflt;
        }
        return switch (v) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> dflt;
        };
    }

    /** A builder holding this frame's fields, to change some (e.g. a replayed reply's seqno). */
    public Builder toBuilder() {
        Builder b = new Builder(command, seqNo);
        b.kvs.addAll(kvs);
        b.ros.addAll(ros);
        b.pos.addAll(pos);
        return b;
    }

    @Override
    public String toString() {
        return command + " #" + seqNo + " " + kvs + (ros.isEmpty() ? "" : " " + ros) + (pos.isEmpty() ? "" : " " + pos);
    }

    /** Collects fields in call order; the encoder writes all kv, then all ro, then all po. */
    public static final class Builder {
        private final String command;
        private long seqNo;
        private final List<Kv> kvs = new ArrayList<>();
        private final List<RoutingObject> ros = new ArrayList<>();
        private final List<PayloadObject> pos = new ArrayList<>();

        private Builder(String command, long seqNo) {
            this.command = command;
            this.seqNo = seqNo;
        }

        /** Sets the sequence number. */
        public Builder seqNo(long seqNo) {
            this.seqNo = seqNo;
            return this;
        }

        /** Adds a kv field with a UTF-8 value (repeated keys are kept, in order). */
        public Builder kv(String key, String value) {
            kvs.add(new Kv(key, value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        /** Adds a kv field with a binary value. */
        public Builder kv(String key, byte[] value) {
            kvs.add(new Kv(key, value));
            return this;
        }

        /** Adds a kv field {@code true} or {@code false}. */
        public Builder kv(String key, boolean value) {
            return kv(key, value ? "true" : "false");
        }

        /** Adds a routing object. */
        public Builder ro(RoutingObject ro) {
            ros.add(ro);
            return this;
        }

        /** Adds routing objects, in order. */
        public Builder ros(List<RoutingObject> list) {
            ros.addAll(list);
            return this;
        }

        /** Adds a payload object. */
        public Builder po(PayloadObject po) {
            pos.add(po);
            return this;
        }

        /** Adds payload objects, in order. */
        public Builder pos(List<PayloadObject> list) {
            pos.addAll(list);
            return this;
        }

        /** The frame; the builder may be used again. */
        public Frame build() {
            return new Frame(command, seqNo, kvs, ros, pos);
        }
    }
}
