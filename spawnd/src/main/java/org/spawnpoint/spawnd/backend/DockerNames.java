package org.spawnpoint.spawnd.backend;

import org.spawnpoint.spawnclient.model.NameRules;

/**
 * The names spawnd gives Docker objects, and the checks that make sure Docker will accept them: the one rule of
 * {@link NameRules}, which spawnctl and spawnclient apply too.
 *
 * <p>Every name carries the instance token of the spawnd that made it ({@link NameRules#instanceToken}), so that two
 * spawnpoints on one engine never share a container, image or volume: container {@code spawnpoint_<token>_<svc>},
 * image {@code spawnpoint_image_<token>_<svc>}, volume {@code spawnpoint_<token>_<svc>__<vol>}. Spawnpoint 0.2 named
 * them {@code spawnpoint_<svc>}, {@code spawnpoint_image_<svc>} and {@code <svc>.<vol>}; containers of that scheme
 * that carry this daemon's labels are still recovered (recovery goes by manifest and label, not by name), and an old
 * volume this daemon made for the same service is still mounted.
 * The original let Docker reject bad names half-way through a deploy (spawnpoint-0.2.md §9.1 #19); here they are
 * refused up front with a message that says what is allowed.
 */
public final class DockerNames {
    /** Longest service name accepted. */
    public static final int MAX_SERVICE_NAME_LENGTH = NameRules.MAX_SERVICE_NAME;

    private final String token;

    /** The names of the spawnd instance {@code instanceId}. */
    public DockerNames(String instanceId) {
        this.token = NameRules.instanceToken(instanceId);
    }

    /** The 8 hex digits in this instance's names. */
    public String token() {
        return token;
    }

    /** The container that runs service {@code serviceName}: {@code spawnpoint_<token>_<svc>}. */
    public String containerName(String serviceName) {
        return NameRules.containerName(token, serviceName);
    }

    /** The image built for service {@code serviceName}: {@code spawnpoint_image_<token>_<svc>}. */
    public String imageName(String serviceName) {
        return NameRules.imageName(token, serviceName);
    }

    /** The Docker volume behind volume {@code volume} of a service: {@code spawnpoint_<token>_<svc>__<volume>}. */
    public String volumeName(String serviceName, String volume) {
        return NameRules.volumeName(token, serviceName, volume);
    }

    /**
     * Checks that a service name can be used in Docker container, image and volume names.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidServiceName(String field, String name) {
        return NameRules.checkServiceName(name);
    }

    /**
     * Checks a volume name: Docker's volume name rule, and not {@code spawnpoint}, whose mount point
     * {@code /srv/spawnpoint} is the services' working directory.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidVolumeName(String field, String name) {
        return NameRules.checkVolumeName(name);
    }

    /**
     * Checks a network name for {@code overlayNet}: a Docker network name, not one of Docker's predefined ones.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidNetworkName(String field, String name) {
        return NameRules.checkOverlayNet(name);
    }
}
