package org.spawnpoint.spawnd.daemon;

/**
 * What spawnd remembers of a service across its own restarts. It holds the service's private entity (inside
 * {@code configYaml}), so it lives only in the state directory, mode 0600, and is never published.
 *
 * @param serviceName   the service
 * @param configYaml    the deployed config as received (entity included)
 * @param includedTar   base64 of the included-files tar, or null
 * @param containerId   the container, or null while booting
 * @param image         the image the container runs
 * @param state         the state when last written
 * @param restarts      automatic restarts since the deploy (issue 16), so that the count survives spawnd's restarts
 */
public record Manifest(String serviceName, String configYaml, String includedTar, String containerId, String image,
                       ServiceState state, long restarts) {
    /** A manifest with no automatic restarts counted. */
    public Manifest(String serviceName, String configYaml, String includedTar, String containerId, String image,
                    ServiceState state) {
        this(serviceName, configYaml, includedTar, containerId, image, state, 0);
    }
}
