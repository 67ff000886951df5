package org.spawnpoint.spawnclient;

import java.util.List;

/**
 * Where {@link SpawnClient#deploy(PlacementRequest, java.util.function.Consumer, java.util.function.Consumer)} put a
 * service: the spawnpoint that admitted it, the followed log of the deploy there (its {@link LogTail#outcome()} says
 * whether the container started), and the spawnpoints passed over before it, with why.
 */
public record Placement(String spawnpointUri, LogTail tail, List<Refusal> refusals,
                        java.util.Optional<MintedEntity> mintedEntity) {
    /**
     * @param mintedEntity the entity made for a config that names none: made once, sent to every spawnpoint tried
     */
    public Placement {
        refusals = List.copyOf(refusals);
    }

    /** A placement of a config that names its entity. */
    public Placement(String spawnpointUri, LogTail tail, List<Refusal> refusals) {
        this(spawnpointUri, tail, refusals, java.util.Optional.empty());
    }

    /**
     * A spawnpoint that did not get the service.
     *
     * @param tried  whether the config was sent to it (false: passed over by its heartbeat or metadata)
     * @param reason in the spawnpoint's words when it refused, else why it was passed over
     */
    public record Refusal(String spawnpointUri, boolean tried, String reason) {
        @Override
        public String toString() {
            return spawnpointUri + ": " + (tried ? "refused: " : "") + reason;
        }
    }
}
