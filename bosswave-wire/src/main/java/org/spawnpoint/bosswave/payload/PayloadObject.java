package org.spawnpoint.bosswave.payload;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A BOSSWAVE payload object: a 32-bit type number and opaque content.
 *
 * <p>The content array is shared, not copied, so that frames can be decoded and encoded without copying payloads;
 * callers must not modify it after construction.
 */
public record PayloadObject(int type, byte[] content) {

    public PayloadObject {
        Objects.requireNonNull(content, "content");
    }

    /** A PO of number {@code type} holding {@code content} (shared, not copied). */
    public static PayloadObject of(int type, byte[] content) {
        return new PayloadObject(type, content);
    }

    /** A String PO (64.0.1.0), UTF-8. */
    public static PayloadObject ofString(String text) {
        return new PayloadObject(PoNum.STRING, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A text PO of any number, UTF-8. */
    public static PayloadObject ofText(int type, String text) {
        return new PayloadObject(type, text.getBytes(StandardCharsets.UTF_8));
    }

    /** The number as {@code a.b.c.d}. */
    public String dottedType() {
        return PoNum.toDotted(type);
    }

    /** True when this PO's number matches {@code family} on its top {@code maskBits} bits. */
    public boolean isType(int family, int maskBits) {
        return PoNum.matches(type, family, maskBits);
    }

    /** True when this PO's number matches a {@code a.b.c.d[/mask]} family string. */
    public boolean isType(String dottedWithMask) {
        return PoNum.matches(type, dottedWithMask);
    }

    /** The content as UTF-8 text. */
    public String contentAsString() {
        return new String(content, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PayloadObject p && p.type == type && Arrays.equals(p.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "PO " + dottedType() + " (" + content.length + " bytes)";
    }
}
