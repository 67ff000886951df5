package org.spawnpoint.bosswave;

/** A registered service {@code base/name} with its periodic {@code lastalive} metadata (bw2bind {@code Service}). */
public interface Service extends AutoCloseable {
    String uri();

    /** Interface URI {@code serviceUri/prefix/name}; it gets {@code lastalive} too. */
    ServiceInterface registerInterface(String prefix, String name);

    void setMetadata(String key, String value);

    /** Stops the {@code lastalive} heartbeat; the connection stays open. */
    @Override
    void close();
}
