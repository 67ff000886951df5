package org.spawnpoint.bosswave.internal;

import java.util.List;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.CreateEntityParams;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.payload.RoutingObject;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Request frames laid out exactly as bw2bind lays them out (bosswave-oob.md §6, vectors/): the kv order is part of
 * the wire format. The seqno is filled in by {@link Connection#send}.
 */
final class CommandFrames {
    private static final String PARTIAL = "partial";

    private CommandFrames() {
    }

    static Frame.Builder setEntity(byte[] keyBlob) {
        if (keyBlob == null || keyBlob.length < 32 + 32 + 1 + 64) {
            throw new IllegalArgumentException("entity key blob must be SK(32) followed by the entity (at least 129 bytes), got "
                    + (keyBlob == null ? "null" : keyBlob.length + " bytes"));
        }
        return Frame.builder(Commands.SET_ENTITY, 0).po(PayloadObject.of(PoNum.RO_ENTITY_WITH_KEY, keyBlob));
    }

    /** bw2bind {@code Publish}: autochain (only if true), expiry, expirydelta, uri, primary_access_chain, elaborate_pac, doverify, persist. */
    static Frame.Builder publish(PublishParams p, boolean autoChain) {
        requireUri(p.uri());
        Frame.Builder b = Frame.builder(p.persist() ? Commands.PERSIST : Commands.PUBLISH, 0);
        common(b, autoChain, p.expiry(), p.expiryDelta(), p.uri(), p.primaryAccessChain());
        routingObjects(b, p.routingObjects());
        List<PayloadObject> pos = p.payloadObjects();
        for (int i = 0; i < pos.size(); i++) {
            if (pos.get(i).type() == 0) {
                // PO 0 terminates the PO list inside a signed message (§3), so the agent would build a corrupt one.
                throw new IllegalArgumentException("payloadObjects[" + i + "]: PO number 0.0.0.0 cannot be sent");
            }
            b.po(pos.get(i));
        }
        b.kv("elaborate_pac", elaborate(p.elaboratePac()));
        b.kv("doverify", !p.doNotVerify());
        b.kv("persist", p.persist());
        return b;
    }

    /** bw2bind {@code Subscribe}/{@code Query}: ..., uri, primary_access_chain, elaborate_pac, unpack (if not packed), doverify. */
    static Frame.Builder subscribeOrQuery(String command, SubscribeParams p, boolean autoChain) {
        requireUri(p.uri());
        Frame.Builder b = Frame.builder(command, 0);
        common(b, autoChain, p.expiry(), p.expiryDelta(), p.uri(), p.primaryAccessChain());
        routingObjects(b, p.routingObjects());
        b.kv("elaborate_pac", elaborate(p.elaboratePac()));
        if (!p.leavePacked()) {
            b.kv("unpack", "true");
        }
        b.kv("doverify", !p.doNotVerify());
        return b;
    }

    /** A real {@code list} (bw2bind sends {@code quer} here, a bug we do not copy), same kvs as its List. */
    static Frame.Builder list(ListParams p, boolean autoChain) {
        requireUri(p.uri());
        Frame.Builder b = Frame.builder(Commands.LIST, 0);
        common(b, autoChain, null, null, p.uri(), null);
        b.kv("elaborate_pac", elaborate(p.elaboratePac()));
        b.kv("doverify", !p.doNotVerify());
        return b;
    }

    static Frame.Builder unsubscribe(String handle) {
        return Frame.builder(Commands.UNSUBSCRIBE, 0).kv("handle", handle);
    }

    /** bw2bind {@code CreateEntity}: expiry, expirydelta, contact, comment (always, maybe empty), revoker*, omitcreationdate. */
    static Frame.Builder makeEntity(CreateEntityParams p) {
        Frame.Builder b = Frame.builder(Commands.MAKE_ENTITY, 0);
        entityOptions(b, p.expiry(), p.expiryDelta(), p.contact(), p.comment(), p.revokers(), p.omitCreationDate());
        return b;
    }

    /** bw2bind {@code CreateDOT}: the entity options, then ttl, to, ispermission, uri, accesspermissions. */
    static Frame.Builder makeDot(CreateDotParams p) {
        if (p.to() == null || p.to().isEmpty()) {
            throw new IllegalArgumentException("CreateDotParams.to: the receiving VK is required");
        }
        requireUri(p.uri());
        if (p.accessPermissions() == null || p.accessPermissions().isEmpty()) {
            throw new IllegalArgumentException("CreateDotParams.accessPermissions is required, e.g. PC*");
        }
        Frame.Builder b = Frame.builder(Commands.MAKE_DOT, 0);
        entityOptions(b, p.expiry(), p.expiryDelta(), p.contact(), p.comment(), p.revokers(), p.omitCreationDate());
        b.kv("ttl", Integer.toString(p.ttl()));
        b.kv("to", p.to());
        b.kv("ispermission", "false");
        b.kv("uri", p.uri());
        b.kv("accesspermissions", p.accessPermissions());
        return b;
    }

    /** {@code mkla}: the long alias {@code alias} for the b64 VK {@code vkB64}, as the router's registry takes it. */
    static Frame.Builder makeLongAlias(String alias, String vkB64) {
        return Frame.builder(Commands.MAKE_LONG_ALIAS, 0).kv("key", alias).kv("content", vkB64);
    }

    /** {@code revk} of a DOT ({@code field} "dot", its hash) or an entity ("entity", its VK). */
    static Frame.Builder revoke(String field, String b64, String comment) {
        Frame.Builder b = Frame.builder(Commands.MAKE_REVOCATION, 0).kv(field, b64);
        if (comment != null) {
            b.kv("comment", comment);
        }
        return b;
    }

    /** bw2bind {@code BuildChain}: uri, to, accesspermissions. */
    static Frame.Builder buildChain(String uri, String permissions, String toVk) {
        requireUri(uri);
        return Frame.builder(Commands.BUILD_CHAIN, 0).kv("uri", uri).kv("to", toVk).kv("accesspermissions", permissions);
    }

    private static void common(Frame.Builder b, boolean autoChain, java.time.Instant expiry, java.time.Duration expiryDelta,
                               String uri, String pac) {
        if (autoChain) {
            b.kv("autochain", "true");
        }
        if (expiry != null) {
            b.kv("expiry", GoFormats.rfc3339(expiry));
        }
        if (expiryDelta != null) {
            b.kv("expirydelta", GoFormats.duration(expiryDelta));
        }
        b.kv("uri", uri);
        if (pac != null && !pac.isEmpty()) {
            b.kv("primary_access_chain", pac);
        }
    }

    private static void entityOptions(Frame.Builder b, java.time.Instant expiry, java.time.Duration expiryDelta,
                                      String contact, String comment, List<String> revokers, boolean omitCreationDate) {
        if (expiry != null) {
            b.kv("expiry", GoFormats.rfc3339(expiry));
        }
        if (expiryDelta != null) {
            b.kv("expirydelta", GoFormats.duration(expiryDelta));
        }
        b.kv("contact", contact == null ? "" : contact);
        b.kv("comment", comment == null ? "" : comment);
        for (String r : revokers) {
            b.kv("revoker", r);
        }
        if (omitCreationDate) {
            b.kv("omitcreationdate", "true");
        }
    }

    private static void routingObjects(Frame.Builder b, List<RoutingObject> ros) {
        for (int i = 0; i < ros.size(); i++) {
            RoutingObject ro = ros.get(i);
            if (!RoutingObject.isKnownType(ro.type())) {
                // Both Go peers crash on an RO they cannot parse (§1.6), so refuse to send one.
                throw new IllegalArgumentException("routingObjects[" + i + "]: RO type " + ro.type()
                        + " is not one the agent can parse (1, 2, 17, 18, 32, 33, 48, 49, 50, 64, 80)");
            }
            b.ro(ro);
        }
    }

    private static String elaborate(String mode) {
        return mode == null || mode.isEmpty() ? PARTIAL : mode;
    }

    private static void requireUri(String uri) {
        if (uri == null || uri.isEmpty()) {
            throw new IllegalArgumentException("uri is required (namespace/suffix)");
        }
        if (uri.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("uri must not contain a newline: '" + uri.replace("\n", "\\n") + "'");
        }
    }
}
