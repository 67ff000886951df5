package org.spawnpoint.bosswave.payload;

import java.util.Arrays;
import java.util.Objects;

/**
 * A BOSSWAVE routing object: a type number (0..255) and its binary content, carried as typed bytes.
 *
 * <p>The content array is shared, not copied; callers must not modify it after construction.
 */
public record RoutingObject(int type, byte[] content) {

    public static final int ACCESS_DCHAIN_HASH = 0x01;
    public static final int ACCESS_DCHAIN = 0x02;
    public static final int PERMISSION_DCHAIN_HASH = 0x11;
    public static final int PERMISSION_DCHAIN = 0x12;
    public static final int ACCESS_DOT = 0x20;
    public static final int PERMISSION_DOT = 0x21;
    public static final int ENTITY = 0x30;
    public static final int ORIGIN_VK = 0x31;
    public static final int ENTITY_WITH_KEY = 0x32;
    public static final int DESIGNATED_ROUTER_VK = 0x33;
    public static final int EXPIRY = 0x40;
    public static final int REVOCATION = 0x50;

    public RoutingObject {
        Objects.requireNonNull(content, "content");
        if (type < 0 || type > 255) {
            throw new IllegalArgumentException("routing object type must be 0..255, got " + type);
        }
    }

    /** The RO types both Go peers can parse; anything else crashes them, so it is never sent. */
    public static boolean isKnownType(int type) {
        return switch (type) {
            case 1, 2, 17, 18, 32, 33, 48, 49, 50, 64, 80 -> true;
            default -> false;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoutingObject r && r.type == type && Arrays.equals(r.content, content);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(content);
    }

    @Override
    public String toString() {
        return "RO " + type + " (" + content.length + " bytes)";
    }
}
