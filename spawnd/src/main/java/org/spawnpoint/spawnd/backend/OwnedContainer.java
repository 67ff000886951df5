package org.spawnpoint.spawnd.backend;

import java.util.Map;

/**
 * A container that carries this daemon's labels, as found by {@link ServiceBackend#listOwned()}.
 *
 * @param id          full container id
 * @param serviceName the service, from its {@link Labels#SERVICE} label
 * @param image       the image it runs
 * @param running     true if it is running now
 * @param labels      all of its labels
 */
public record OwnedContainer(String id, String serviceName, String image, boolean running, Map<String, String> labels) {
    public OwnedContainer {
        labels = Map.copyOf(labels);
    }
}
