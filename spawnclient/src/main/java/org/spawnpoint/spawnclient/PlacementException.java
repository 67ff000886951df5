package org.spawnpoint.spawnclient;

import java.util.List;

/** No spawnpoint took the service: {@link #refusals()} says, for each candidate, why not. */
public class PlacementException extends SpawnClientException {
    private final transient List<Placement.Refusal> refusals;
    private final transient List<MintedEntity> unusedEntities;

    /** {@code pattern}: the spawnpoints asked for; {@code refusals}: every one considered, with why not. */
    public PlacementException(String pattern, String service, String message, List<Placement.Refusal> refusals) {
        this(pattern, service, message, refusals, List.of());
    }

    /** As above; {@code unusedEntities}: entities made for the service (a config without one) that none took. */
    public PlacementException(String pattern, String service, String message, List<Placement.Refusal> refusals,
                              List<MintedEntity> unusedEntities) {
        super(pattern, service, message);
        this.refusals = List.copyOf(refusals);
        this.unusedEntities = List.copyOf(unusedEntities);
    }

    /** Entities made for the service (its config names none) that no spawnpoint took: one per namespace tried. */
    public List<MintedEntity> unusedEntities() {
        return unusedEntities;
    }

    /** Every spawnpoint considered, in the order they were considered, with why it did not get the service. */
    public List<Placement.Refusal> refusals() {
        return refusals;
    }
}
