package org.spawnpoint.spawnd.backend;

import java.util.Map;

/**
 * The labels spawnd puts on the containers, images, volumes and networks it creates. They all live under the
 * reserved {@code org.spawnpoint.} namespace: recovery finds spawnd's containers by them, and anything without them
 * is never touched.
 */
public final class Labels {
    /** The reserved namespace; every key below starts with it. */
    public static final String NAMESPACE = "org.spawnpoint.";
    /** {@code true} on everything spawnd created. */
    public static final String MANAGED = NAMESPACE + "managed";
    /** The service name. */
    public static final String SERVICE = NAMESPACE + "service";
    /** The id of the spawnd instance that owns the object, so that two daemons on one engine leave each other alone. */
    public static final String INSTANCE = NAMESPACE + "instance";

    /**
     * On images spawnd built: the instance that built it. Images do not carry {@link #MANAGED}/{@link #INSTANCE},
     * because containers inherit their image's labels and one started by hand from a service image must not look
     * like spawnd's own.
     */
    public static final String BUILT_BY = NAMESPACE + "built-by";
    /** On images spawnd built: the service it was built for. */
    public static final String BUILT_FOR = NAMESPACE + "built-for";

    private Labels() {
    }

    /** The labels every object of service {@code serviceName} owned by daemon {@code instanceId} carries. */
    public static Map<String, String> owned(String instanceId, String serviceName) {
        return Map.of(MANAGED, "true", INSTANCE, instanceId, SERVICE, serviceName);
    }

    /** The labels of an image built by daemon {@code instanceId} for service {@code serviceName}. */
    public static Map<String, String> built(String instanceId, String serviceName) {
        return Map.of(BUILT_BY, instanceId, BUILT_FOR, serviceName);
    }

    /** True for the keys spawnd sets itself, which a {@link ContainerSpec} may not override. */
    public static boolean isReserved(String key) {
        return key.equals(MANAGED) || key.equals(SERVICE) || key.equals(INSTANCE) || key.equals(BUILT_BY)
                || key.equals(BUILT_FOR);
    }
}
