package org.spawnpoint.spawnclient.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for the names a service config gives (service, volumes, {@code overlayNet}) and the Docker names
 * spawnd derives from them. spawnctl, spawnclient and spawnd all check names here, so a name the client accepts is
 * one the daemon accepts.
 *
 * <p>Docker names of one spawnd instance carry its {@link #instanceToken token} (8 hex digits of the SHA-256 of the
 * instance id kept in spawnd's state directory), so two spawnpoints on one engine never share a name:
 * <ul>
 *   <li>container {@code spawnpoint_<token>_<svc>} (Spawnpoint 0.2: {@code spawnpoint_<svc>})</li>
 *   <li>image {@code spawnpoint_image_<token>_<svc>} (0.2: {@code spawnpoint_image_<svc>})</li>
 *   <li>volume {@code spawnpoint_<token>_<svc>__<vol>} (0.2: {@code <svc>.<vol>}, which was ambiguous)</li>
 * </ul>
 * A service name never contains {@code __} and ends with a letter or digit, so the first {@code __} after the token
 * ends the service name: service {@code a} with volume {@code b.c} and service {@code a.b} with volume {@code c} get
 * {@code ..._a__b.c} and {@code ..._a.b__c}.
 */
public final class NameRules {
    /** Longest service name: a DNS label's length, which keeps every derived Docker name short. */
    public static final int MAX_SERVICE_NAME = 63;
    /** Longest volume name. */
    public static final int MAX_VOLUME_NAME = 63;
    /** Docker's predefined networks: never an {@code overlayNet} (host networking is {@code useHostNet}'s). */
    public static final Set<String> PREDEFINED_NETWORKS = Set.of("host", "none", "bridge", "default");

    /**
     * Lower-case letters and digits separated by one {@code .}, one {@code _} or dashes: a component of a Docker
     * image name (which must be lower case) without {@code __}, which separates service and volume in volume names.
     */
    private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|-+)[a-z0-9]+)*");
    /** Docker's rule for volume and network names. */
    private static final Pattern DOCKER_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]*");

    private NameRules() {
    }

    /**
     * Checks a service name.
     *
     * @throws ConfigException naming {@code serviceName}, the value and what is allowed
     */
    public static String checkServiceName(String name) {
        if (name == null || name.isEmpty()) {
            throw new ConfigException("serviceName", "is missing: must specify a service name");
        }
        if (name.length() > MAX_SERVICE_NAME || !SERVICE_NAME.matcher(name).matches()) {
            throw new ConfigException("serviceName", "expected lower-case letters and digits, optionally separated by"
                    + " one '.', one '_' or '-' (no upper case, no '__', no leading or trailing separator), at most "
                    + MAX_SERVICE_NAME + " characters, such as 'my-service'; got \"" + name + "\"");
        }
        return name;
    }

    /**
     * Checks a volume name: Docker's rule, at most {@link #MAX_VOLUME_NAME} characters, and not {@code spawnpoint}
     * (its mount point {@code /srv/spawnpoint} is the working directory).
     *
     * @throws ConfigException naming {@code volumes}, the value and what is allowed
     */
    public static String checkVolumeName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_VOLUME_NAME || !DOCKER_NAME.matcher(name).matches()) {
            throw new ConfigException("volumes", "expected volume names of letters, digits, '_', '.' or '-', starting "
                    + "with a letter or digit, at most " + MAX_VOLUME_NAME + " characters; got \"" + name + "\"");
        }
        if (name.equals("spawnpoint")) {
            throw new ConfigException("volumes", "may not name 'spawnpoint': /srv/spawnpoint is the service's working "
                    + "directory");
        }
        return name;
    }

    /**
     * Checks {@code overlayNet}: a Docker network name that is not one of Docker's predefined networks. (spawnd also
     * refuses an existing network it did not create itself.)
     *
     * @throws ConfigException naming {@code overlayNet}, the value and what is allowed
     */
    public static String checkOverlayNet(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_VOLUME_NAME || !DOCKER_NAME.matcher(name).matches()) {
            throw new ConfigException("overlayNet", "expected a network name of letters, digits, '_', '.' or '-', "
                    + "starting with a letter or digit, at most " + MAX_VOLUME_NAME + " characters; got \"" + name
                    + "\"");
        }
        if (PREDEFINED_NETWORKS.contains(name)) {
            throw new ConfigException("overlayNet", "may not be '" + name + "', one of Docker's predefined networks "
                    + "(host, none, bridge, default): expected the name of a network for spawnd to create and own, or no "
                    + "overlayNet for the default bridge; the host network is only for useHostNet on a spawnpoint "
                    + "with allowHostNet");
        }
        return name;
    }

    /** The 8 hex digits that tie Docker names to one spawnd instance: the start of the SHA-256 of its id. */
    public static String instanceToken(String instanceId) {
        if (instanceId == null || instanceId.isBlank()) {
            throw new IllegalArgumentException("instanceId is empty: expected the id of a spawnd instance");
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The container of service {@code svc}: {@code spawnpoint_<token>_<svc>}. */
    public static String containerName(String token, String svc) {
        return "spawnpoint_" + token + "_" + checkServiceName(svc);
    }

    /** The image built for service {@code svc}: {@code spawnpoint_image_<token>_<svc>}. */
    public static String imageName(String token, String svc) {
        return "spawnpoint_image_" + token + "_" + checkServiceName(svc);
    }

    /** The Docker volume behind volume {@code vol} of service {@code svc}: {@code spawnpoint_<token>_<svc>__<vol>}. */
    public static String volumeName(String token, String svc, String vol) {
        return "spawnpoint_" + token + "_" + checkServiceName(svc) + "__" + checkVolumeName(vol);
    }

    /** True if {@code s} is a name Docker accepts for a volume or network. */
    public static boolean isDockerName(String s) {
        return s != null && DOCKER_NAME.matcher(s).matches();
    }
}
