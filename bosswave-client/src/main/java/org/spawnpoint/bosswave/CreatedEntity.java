package org.spawnpoint.bosswave;

import org.spawnpoint.bosswave.payload.RoutingObject;

/** An entity made by the agent: its VK (b64) and SK ‖ entity, which {@link BosswaveClient#setEntity} accepts. */
public record CreatedEntity(String vk, byte[] keyBlob) {
    /** The bytes of a key file as {@code bw2 mke} writes it: {@code 0x32} ‖ SK ‖ entity. */
    public byte[] keyFileBytes() {
        byte[] out = new byte[keyBlob.length + 1];
        out[0] = (byte) RoutingObject.ENTITY_WITH_KEY;
        System.arraycopy(keyBlob, 0, out, 1, keyBlob.length);
        return out;
    }
}
