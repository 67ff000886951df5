package org.spawnpoint.bosswave;

import java.util.List;
import java.util.Optional;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * A message delivered by a subscription or returned by a query (bw2bind {@code SimpleMessage}).
 *
 * @param from      origin VK (b64)
 * @param uri       {@code <namespace VK>/<suffix>}; the agent always reports the VK form
 * @param signature b64 Ed25519 signature, or null from 2.4.x agents
 * @param umid      the agent's {@code {mid sig}} rendering, or null from 2.4.x agents
 */
public record Message(String from, String uri, List<RoutingObject> routingObjects, List<PayloadObject> payloadObjects,
                      String signature, String umid) {

    public Message {
        routingObjects = List.copyOf(routingObjects);
        payloadObjects = List.copyOf(payloadObjects);
    }

    /** The first PO of exactly this type. */
    public Optional<PayloadObject> payload(int type) {
        return payloadObjects.stream().filter(p -> p.type() == type).findFirst();
    }

    /** The first PO matching the {@code a.b.c.d[/mask]} family. */
    public Optional<PayloadObject> payload(String dottedWithMask) {
        return payloadObjects.stream().filter(p -> p.isType(dottedWithMask)).findFirst();
    }
}
