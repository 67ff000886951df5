package org.spawnpoint.spawnclient;

import java.util.List;

/** No spawnpoint took the service: {@link #refusals()} says, for each candidate, why not. */
public class PlacementException extends SpawnClientException {
    private final transient List<Placement.Refusal> refusals;

    /** {@code pattern}: the spawnpoints asked for; {@code refusals}: every one considered, with why not. */
    public PlacementException(String pattern, String service, String message, List<Placement.Refusal> refusals) {
        super(pattern, service, message);
        this.refusals = List.copyOf(refusals);
    }

    /** Every spawnpoint considered, in the order they were considered, with why it did not get the service. */
    public List<Placement.Refusal> refusals() {
        return refusals;
    }
}
