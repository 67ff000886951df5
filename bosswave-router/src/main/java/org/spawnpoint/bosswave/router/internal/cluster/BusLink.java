package org.spawnpoint.bosswave.router.internal.cluster;

/**
 * What a router shares with the other routers of its bus. {@link #LOCAL} (a single router, the default) shares
 * nothing and costs nothing; {@link NatsBus} joins a NATS JetStream cluster. Local deliveries never go through here:
 * the router delivers to its own subscribers first and then {@link #published forwards}.
 */
public interface BusLink extends AutoCloseable {

    /** A single router: every call returns at once. */
    BusLink LOCAL = new BusLink() {
        @Override
        public boolean clustered() {
            return false;
        }

        @Override
        public void published(String nsB64, String[] elems, String originVkB64,
                              java.util.function.Supplier<byte[]> encoded) {
        }

        @Override
        public void persist(String nsB64, String[] elems, byte[] value) {
        }

        @Override
        public void interest(String nsB64, String[] pattern, boolean add) {
        }

        @Override
        public boolean syncRetained() {
            return true;
        }

        @Override
        public void registryWritten(RegistryKind kind, String key, byte[] value) {
        }

        @Override
        public byte[] claimAlias(String alias, byte[] value) {
            return value;
        }

        @Override
        public void close() {
        }
    };

    /** The registry objects shared between routers, each under its own key. */
    enum RegistryKind {
        ENTITY("entity"), DOT("dot"), CHAIN("chain"), REVOCATION("revocation"), ALIAS("alias");

        final String prefix;

        RegistryKind(String prefix) {
            this.prefix = prefix;
        }

        static RegistryKind ofPrefix(String p) {
            for (RegistryKind k : values()) {
                if (k.prefix.equals(p)) {
                    return k;
                }
            }
            return null;
        }
    }

    /** Why the cluster could not do what was asked (the text says what to do next). */
    final class ClusterException extends Exception {
        public ClusterException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** True when joined to other routers. */
    boolean clustered();

    /**
     * Hands a message that this router delivered locally to the other routers (publish order per caller kept).
     * {@code encoded} gives the signed message; it is called off the caller's thread, since signing is most of the
     * cost of a publish and the local subscribers should not wait for it.
     */
    void published(String nsB64, String[] elems, String originVkB64, java.util.function.Supplier<byte[]> encoded);

    /**
     * Stores a persisted message ({@code value}: origin VK ‖ encoded message) for every router; returns once the
     * cluster has stored it and this router's copy has it, so that a query here after the return sees it.
     */
    void persist(String nsB64, String[] elems, byte[] value) throws ClusterException;

    /** A local subscription on {@code ns/pattern} came ({@code add}) or went. */
    void interest(String nsB64, String[] pattern, boolean add);

    /**
     * Waits (briefly) until this router's copy of the retained messages holds everything the cluster stored before the
     * call. False when the cluster cannot be asked: the router then answers from the copy it has.
     */
    boolean syncRetained();

    /**
     * Claims {@code alias} for {@code value} on the whole bus, first come (a bound alias never changes, as on bw2's
     * chain): returns the value the bus holds for it afterwards, {@code value} itself when this claim was first or the
     * same binding was there, another router's value when that router was first. Called before the local registry
     * is written, so that two routers binding one alias at the same time cannot both succeed. {@link #LOCAL} returns
     * {@code value} (the local registry decides); fails when the cluster cannot say who was first.
     */
    byte[] claimAlias(String alias, byte[] value) throws ClusterException;

    /** A registry object written through this router, for the other routers. */
    void registryWritten(RegistryKind kind, String key, byte[] value);

    @Override
    void close();
}
