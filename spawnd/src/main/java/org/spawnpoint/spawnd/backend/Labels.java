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

    private Labels() {
    }

    /** The labels every object of service {@code serviceName} owned by daemon {@code instanceId} carries. */
    public static Map<String, String> owned(String instanceId, String serviceName) {
        return Map.of(MANAGED, "true", INSTANCE, instanceId, SERVICE, serviceName);
    }

    /** True for the keys spawnd sets itself, which a {@link ContainerSpec} may not override. */
    public static boolean isReserved(String key) {
        return key.equals(MANAGED) || key.equals(SERVICE) || key.equals(INSTANCE);
    }
}
