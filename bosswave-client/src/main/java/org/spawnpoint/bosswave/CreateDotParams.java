package org.spawnpoint.bosswave;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** bw2bind {@code CreateDOTParams}: an access DOT from the current entity to {@code to} on {@code uri}. */
public record CreateDotParams(String to, int ttl, Instant expiry, Duration expiryDelta, String contact, String comment,
                              List<String> revokers, boolean omitCreationDate, String uri, String accessPermissions) {
    public CreateDotParams {
        revokers = revokers == null ? List.of() : List.copyOf(revokers);
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 0..255, got " + ttl);
        }
    }

    /**
     * An access DOT to {@code to} (b64 VK) on {@code uri} granting {@code permissions} (e.g. {@code PC*}), ttl 0, no
     * expiry.
     */
    public static CreateDotParams access(String to, String uri, String permissions) {
        return new CreateDotParams(to, 0, null, null, null, null, List.of(), false, uri, permissions);
    }
}
