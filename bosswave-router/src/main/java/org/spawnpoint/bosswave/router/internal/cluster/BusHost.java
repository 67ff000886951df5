package org.spawnpoint.bosswave.router.internal.cluster;

/** What a {@link BusLink} asks of its router: the deliveries, retained messages and registry objects of the others. */
public interface BusHost {

    /** A message published through another router, to be delivered to this router's matching subscribers. */
    void deliverRemote(String nsB64, String[] elems, String originVkB64, byte[] encoded);

    /** A retained message stored through any router (this one included): {@code value} is origin VK ‖ message. */
    void retainedChanged(String nsB64, String[] elems, byte[] value);

    /** A registry object written through any router; to be checked and stored as if written here. */
    void registryChanged(BusLink.RegistryKind kind, String key, byte[] value);

    /** Every registry object this router holds, for the cluster to learn those it lacks (each: kind, key, value). */
    void forEachRegistryObject(RegistryVisitor visitor);

    /** Every retained message this router holds (each: namespace, elements, origin VK ‖ message). */
    void forEachRetained(RetainedVisitor visitor);

    /** Receives retained messages. */
    interface RetainedVisitor {
        void visit(String nsB64, String[] elems, byte[] value);
    }

    /** Receives registry objects. */
    interface RegistryVisitor {
        void visit(BusLink.RegistryKind kind, String key, byte[] value);
    }
}
