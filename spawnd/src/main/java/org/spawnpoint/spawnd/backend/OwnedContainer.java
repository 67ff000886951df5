package org.spawnpoint.spawnd.backend;

import java.time.Instant;
import java.util.Map;

/**
 * A container that carries this daemon's labels, as found by {@link ServiceBackend#listOwned()}.
 *
 * @param id          full container id
 * @param serviceName the service, from its {@link Labels#SERVICE} label
 * @param image       the image it runs
 * @param running     true if it is running now
 * @param labels      all of its labels
 * @param startedAt   when the engine last started it (its {@code State.StartedAt}), so that a spawnd that re-adopts it
 *                    reports its real uptime; null when it does not run or the engine did not say
 */
public record OwnedContainer(String id, String serviceName, String image, boolean running, Map<String, String> labels,
                             Instant startedAt) {
    public OwnedContainer {
        labels = Map.copyOf(labels);
    }

    /** A container whose start time is not known. */
    public OwnedContainer(String id, String serviceName, String image, boolean running, Map<String, String> labels) {
        this(id, serviceName, image, running, labels, null);
    }
}
