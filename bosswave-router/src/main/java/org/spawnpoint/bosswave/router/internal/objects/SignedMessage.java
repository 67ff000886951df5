package org.spawnpoint.bosswave.router.internal.objects;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.RoutingObject;

/**
 * The signed bosswave message of bosswave-oob.md §5.5: what is retained, what {@code signature} signs and what PO
 * 1.0.1.1 carries. Immutable.
 */
public final class SignedMessage {
    public static final int PUBLISH = 0x01;
    public static final int PERSIST = 0x02;
    public static final int SUBSCRIBE = 0x03;
    public static final int QUERY = 0x05;
    public static final int LIST = 0x07;

    private final int type;
    private final long mid;
    private final byte[] namespace;
    private final String suffix;
    private final List<RoutingObject> ros;
    private final List<PayloadObject> pos;
    /** The origin's keys while the message is unsigned; dropped once it is signed. */
    private byte[] seed;
    private byte[] vk;
    /** Body and signature (§5.5); null until someone needs either. */
    private volatile byte[] encoded;

    private SignedMessage(int type, long mid, byte[] namespace, String suffix, List<RoutingObject> ros,
                          List<PayloadObject> pos, byte[] seed, byte[] vk, byte[] encoded) {
        this.type = type;
        this.mid = mid;
        this.namespace = namespace;
        this.suffix = suffix;
        this.ros = ros;
        this.pos = pos;
        this.seed = seed;
        this.vk = vk;
        this.encoded = encoded;
    }

    /** Encodes and signs a message with the origin's seed and VK; {@code namespace} is shared (see below). */
    public static SignedMessage sign(int type, long mid, byte[] namespace, String suffix, List<RoutingObject> ros,
                                     List<PayloadObject> pos, byte[] seed, byte[] vk) {
        SignedMessage m = signedOnDemand(type, mid, namespace, suffix, ros, pos, seed, vk);
        m.encoded();
        return m;
    }

    /**
     * A message whose encoding and Ed25519 signature are made the first time they are asked for (the signature is
     * most of the cost of a publish, and an unpacked delivery need not carry it). Sizes are checked now.
     * {@code namespace} is kept, not copied (the caller's is a resolved target's, never modified): a copy per publish
     * was 48 of the router's 520 bytes allocated per 1→1 message.
     */
    public static SignedMessage signedOnDemand(int type, long mid, byte[] namespace, String suffix,
                                               List<RoutingObject> ros, List<PayloadObject> pos, byte[] seed,
                                               byte[] vk) {
        if (suffix.length() > 65535 / 3 && suffix.getBytes(StandardCharsets.UTF_8).length > 65535) {
            throw new IllegalArgumentException("URI suffix longer than 65535 bytes");
        }
        for (int i = 0, n = ros.size(); i < n; i++) { // no iterator per publish (24 B allocated, not scalar-replaced)
            RoutingObject ro = ros.get(i);
            if (ro.content().length > 65535) {
                throw new IllegalArgumentException("routing object " + ro.type() + " longer than 65535 bytes");
            }
        }
        return new SignedMessage(type, mid, namespace, suffix, List.copyOf(ros), List.copyOf(pos), seed, vk,
                null);
    }

    /** True once the signature exists (always for parsed messages). */
    public boolean isSigned() {
        return encoded != null;
    }

    private byte[] encoded() {
        byte[] e = encoded;
        if (e == null) {
            synchronized (this) {
                e = encoded;
                if (e == null) {
                    e = encodeAndSign();
                    encoded = e;
                    seed = null;
                    vk = null;
                }
            }
        }
        return e;
    }

    private byte[] encodeAndSign() {
        byte[] sfx = suffix.getBytes(StandardCharsets.UTF_8);
        Bytes.Out out = new Bytes.Out();
        out.u8(type).i64(mid).raw(namespace).u16(sfx.length).raw(sfx);
        if (type == PUBLISH || type == PERSIST) {
            out.u8(0); // consumers: always 0 (unlimited) over OOB
        }
        for (RoutingObject ro : ros) {
            out.u8(ro.type()).u16(ro.content().length).raw(ro.content());
        }
        out.u8(0);
        for (PayloadObject po : pos) {
            out.u32(Integer.toUnsignedLong(po.type())).u32(po.content().length).raw(po.content());
        }
        out.u32(0);
        int signed = out.size();
        out.raw(Crypto.sign(seed, vk, out.buffer(), 0, signed));
        return out.toByteArray();
    }

    public static SignedMessage parse(byte[] b) throws ObjectFormatException {
        ByteCursor c = new ByteCursor(b, "message");
        int type = c.u8("type");
        long mid = c.i64("message id");
        byte[] ns = c.bytes(32, "namespace");
        int sl = c.u16("suffix length");
        String suffix = new String(c.bytes(sl, "suffix"), StandardCharsets.UTF_8);
        if (type == PUBLISH || type == PERSIST) {
            c.u8("consumers");
        } else if (type == 0x08) {
            c.bytes(16, "unsubscribe umid");
        }
        List<RoutingObject> ros = new ArrayList<>();
        while (true) {
            int rt = c.u8("RO type");
            if (rt == 0) {
                break;
            }
            int len = c.u16("RO length");
            ros.add(new RoutingObject(rt, c.bytes(len, "RO " + rt)));
        }
        List<PayloadObject> pos = new ArrayList<>();
        while (true) {
            long pt = c.u32("PO type");
            if (pt == 0) {
                break; // the four zero bytes just read are the terminator
            }
            long len = c.u32("PO length");
            if (len > c.remaining()) {
                throw new ObjectFormatException("message: PO of " + len + " bytes exceeds the remaining " + c.remaining());
            }
            pos.add(new PayloadObject((int) pt, c.bytes((int) len, "PO content")));
        }
        c.bytes(64, "signature");
        if (c.remaining() != 0) {
            throw new ObjectFormatException("message: " + c.remaining() + " unexpected bytes after the signature");
        }
        return new SignedMessage(type, mid, ns, suffix, List.copyOf(ros), List.copyOf(pos), null, null, b.clone());
    }

    public boolean signatureValid(byte[] originVk) {
        byte[] e = encoded();
        return Crypto.verify(originVk, signature(), e, 0, e.length - 64);
    }

    /** The first 8 signature bytes read as u64 LE: the second half of the UMid. */
    public long sigPrefix() {
        byte[] e = encoded();
        return Bytes.getI64(e, e.length - 64);
    }

    /** Go's {@code %x} of the UMid struct, e.g. {@code {1 c42ba6f3ae316048}}. */
    public String umid() {
        return "{" + Long.toHexString(mid) + " " + Long.toHexString(sigPrefix()) + "}";
    }

    /** mid (8 LE) ‖ first 8 signature bytes: what a subscription handle encodes. */
    public byte[] umidBytes() {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (mid >>> (8 * i));
        }
        byte[] e = encoded();
        System.arraycopy(e, e.length - 64, out, 8, 8);
        return out;
    }

    /** Expiry from RO 0x40 in Unix ns; messages without one expire in 2999, i.e. never here. */
    public long expiryNs() {
        for (RoutingObject ro : ros) {
            if (ro.type() == RoutingObject.EXPIRY && ro.content().length == 8) {
                return Bytes.getI64(ro.content(), 0);
            }
        }
        return Long.MAX_VALUE;
    }

    /** DOT hashes of the elaborated access chain (RO 0x02), or an empty list. */
    public List<byte[]> chainDotHashes() {
        for (RoutingObject ro : ros) {
            if (ro.type() == RoutingObject.ACCESS_DCHAIN) {
                List<byte[]> out = new ArrayList<>();
                for (int i = 0; i + 32 <= ro.content().length; i += 32) {
                    out.add(Arrays.copyOfRange(ro.content(), i, i + 32));
                }
                return out;
            }
        }
        return List.of();
    }

    public int type() {
        return type;
    }

    public long mid() {
        return mid;
    }

    public byte[] namespace() {
        return namespace.clone();
    }

    public String suffix() {
        return suffix;
    }

    public List<RoutingObject> ros() {
        return ros;
    }

    public List<PayloadObject> pos() {
        return pos;
    }

    public byte[] signature() {
        byte[] e = encoded();
        return Arrays.copyOfRange(e, e.length - 64, e.length);
    }

    /** The encoded bytes; shared, do not modify. */
    public byte[] encodedShared() {
        return encoded();
    }
}
