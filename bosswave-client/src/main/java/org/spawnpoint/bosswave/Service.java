package org.spawnpoint.bosswave;

/** A registered service {@code base/name} with its periodic {@code lastalive} metadata (bw2bind {@code Service}). */
public interface Service extends AutoCloseable {
    /** The service's URI: {@code baseUri/name}, as registered. */
    String uri();

    /** Interface URI {@code serviceUri/prefix/name}; it gets {@code lastalive} too. */
    ServiceInterface registerInterface(String prefix, String name);

    /** Sets metadata {@code key} on the service's URI (PO 2.0.3.1, persisted). */
    void setMetadata(String key, String value);

    /** Stops the {@code lastalive} heartbeat; the connection stays open. */
    @Override
    void close();
}
