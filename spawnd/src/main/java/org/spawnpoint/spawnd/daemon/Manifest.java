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
 */
public record Manifest(String serviceName, String configYaml, String includedTar, String containerId, String image,
                       ServiceState state) {
}
