package org.spawnpoint.spawnclient;

/**
 * An entity made by the router for a service whose config names none ({@link SpawnClient#mintEntity}), granted
 * {@code PC*} on its namespace's {@code services/*}. Placement makes one per namespace and sends the same one to every
 * spawnpoint it tries, so that a refusal leaves no unused entity and grant behind.
 *
 * @param vk       the entity's verifying key (base64), as the router names it
 * @param keyFile  the entity's key file (private: it goes to the spawnpoint sealed, and is written nowhere here)
 * @param grantUri where it may publish and consume ({@link #grantUriFor})
 */
public record MintedEntity(String vk, byte[] keyFile, String grantUri) {
    /** What a minted entity is granted on {@link #grantUri}. */
    public static final String PERMISSIONS = "PC*";

    public MintedEntity {
        keyFile = keyFile.clone();
    }

    /** The key file (a copy). */
    @Override
    public byte[] keyFile() {
        return keyFile.clone();
    }

    /** Where a service without an entity of its own may publish and consume: its namespace's {@code services/*}. */
    public static String grantUriFor(String spawnpointUri) {
        int slash = spawnpointUri.indexOf('/');
        return (slash < 0 ? spawnpointUri : spawnpointUri.substring(0, slash)) + "/services/*";
    }

    /** The VK and grant only: the key file is secret. */
    @Override
    public String toString() {
        return vk + " (" + PERMISSIONS + " on " + grantUri + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MintedEntity m && m.vk.equals(vk) && m.grantUri.equals(grantUri)
                && java.util.Arrays.equals(m.keyFile, keyFile);
    }

    @Override
    public int hashCode() {
        return vk.hashCode() * 31 + grantUri.hashCode();
    }
}
