package org.spawnpoint.bosswave;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** bw2bind {@code CreateEntityParams}. Null fields are not sent. */
public record CreateEntityParams(Instant expiry, Duration expiryDelta, String contact, String comment,
                                 List<String> revokers, boolean omitCreationDate) {
    public CreateEntityParams {
        revokers = revokers == null ? List.of() : List.copyOf(revokers);
    }

    /** An entity with this contact and comment, no expiry and no revokers. */
    public static CreateEntityParams of(String contact, String comment) {
        return new CreateEntityParams(null, null, contact, comment, List.of(), false);
    }
}
