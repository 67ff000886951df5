package org.spawnpoint.spawnd.backend;

import java.util.regex.Pattern;

/**
 * The names spawnd gives Docker objects, and the checks that make sure Docker will accept them.
 *
 * <p>A service name becomes part of a container name ({@code spawnpoint_<svc>}), of an image name
 * ({@code spawnpoint_image_<svc>}, which Docker wants in lower case) and of volume names ({@code <svc>.<volume>}).
 * The original spawnd let Docker reject bad names half-way through a deploy (spawnpoint-0.2.md §9.1 #19); here they
 * are refused up front with a message that says what is allowed.
 */
public final class DockerNames {
    /** Longest service name accepted: a DNS label, so that the name can also serve as a host name. */
    public static final int MAX_SERVICE_NAME_LENGTH = 63;

    /** An image path component as Docker's reference grammar defines it, which is also a valid container name. */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    /** Docker's rule for volume and network names. */
    private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private DockerNames() {
    }

    /** The container that runs service {@code serviceName}: {@code spawnpoint_<svc>}, as in Spawnpoint 0.2. */
    public static String containerName(String serviceName) {
        return "spawnpoint_" + serviceName;
    }

    /** The image built for service {@code serviceName}: {@code spawnpoint_image_<svc>}, as in Spawnpoint 0.2. */
    public static String imageName(String serviceName) {
        return "spawnpoint_image_" + serviceName;
    }

    /** The Docker volume behind volume {@code volume} of service {@code serviceName}: {@code <svc>.<volume>}. */
    public static String volumeName(String serviceName, String volume) {
        return serviceName + "." + volume;
    }

    /**
     * Checks that a service name can be used in Docker container, image and volume names.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidServiceName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + " is missing: expected a service name such as 'my-service'");
        }
        if (name.length() > MAX_SERVICE_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " '" + name + "' is " + name.length()
                    + " characters long: at most " + MAX_SERVICE_NAME_LENGTH + " are allowed");
        }
        if (!SERVICE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name + "' cannot be used as a Docker name: expected "
                    + "lower-case letters and digits, optionally separated by '.', '_', '__' or '-' "
                    + "(no upper case, no leading or trailing separator), such as 'my-service'");
        }
        return name;
    }

    /**
     * Checks a volume name: Docker's volume name rule, and not {@code spawnpoint}, whose mount point
     * {@code /srv/spawnpoint} is the services' working directory.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidVolumeName(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException(field + " is empty: expected a volume name such as 'data'");
        }
        if (!VOLUME_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name + "' is not a valid volume name: expected a letter or "
                    + "digit followed by letters, digits, '_', '.' or '-'");
        }
        if (name.equals("spawnpoint")) {
            throw new IllegalArgumentException(field + " 'spawnpoint' is reserved: /srv/spawnpoint is the service's "
                    + "working directory");
        }
        return name;
    }

    /**
     * Checks a Docker network name.
     *
     * @throws IllegalArgumentException naming the field, the value and what is expected
     */
    public static String requireValidNetworkName(String field, String name) {
        if (name == null || !VOLUME_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(field + " '" + name + "' is not a valid Docker network name: expected "
                    + "a letter or digit followed by letters, digits, '_', '.' or '-'");
        }
        return name;
    }
}
