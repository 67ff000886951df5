package org.spawnpoint.bosswave.router.internal.objects;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** An access DOT (RO 0x20, bosswave-oob.md §5.2): giver grants receiver permissions on a namespace pattern. */
public final class Dot {
    private static final int SENTINEL_ACCESS = 0x01;
    private static final int SENTINEL_PERMISSION = 0x02;

    private final byte[] encoded;
    private final byte[] giver;
    private final byte[] receiver;
    private final int ttl;
    private final Options options;
    private final int permissions;
    private final byte[] namespace;
    private final String suffix;
    private final int signedLength;
    private final byte[] hash;

    private Dot(byte[] encoded, byte[] giver, byte[] receiver, int ttl, Options options, int permissions,
                byte[] namespace, String suffix, int signedLength) {
        this.encoded = encoded;
        this.giver = giver;
        this.receiver = receiver;
        this.ttl = ttl;
        this.options = options;
        this.permissions = permissions;
        this.namespace = namespace;
        this.suffix = suffix;
        this.signedLength = signedLength;
        this.hash = Crypto.sha256(encoded, 0, signedLength);
    }

    public static Dot parse(byte[] ro) throws ObjectFormatException {
        ByteCursor c = new ByteCursor(ro, "DOT");
        byte[] giver = c.bytes(32, "giver VK");
        byte[] receiver = c.bytes(32, "receiver VK");
        int ttl = c.u8("TTL");
        int sentinel = c.u8("sentinel");
        if (sentinel == SENTINEL_PERMISSION) {
            throw new ObjectFormatException("DOT: permission (application) DOTs are not supported, only access DOTs");
        }
        if (sentinel != SENTINEL_ACCESS) {
            throw new ObjectFormatException("DOT: sentinel byte must be 0x01 (access), got 0x" + Integer.toHexString(sentinel));
        }
        Options o = Options.read(c, "DOT");
        int perms = c.u16("permissions");
        byte[] ns = c.bytes(32, "namespace VK");
        int suffixLen = c.u16("suffix length");
        String suffix = new String(c.bytes(suffixLen, "suffix"), StandardCharsets.UTF_8);
        int signed = c.position();
        c.bytes(64, "signature");
        if (c.remaining() != 0) {
            throw new ObjectFormatException("DOT: " + c.remaining() + " unexpected bytes after the signature");
        }
        return new Dot(ro.clone(), giver, receiver, ttl, o, perms, ns, suffix, signed);
    }

    /** Creates an access DOT signed by the giver's seed. */
    public static Dot create(byte[] giverSeed, byte[] receiver, int ttl, int permissions, byte[] namespace, String suffix,
                             Long createdNs, Long expiryNs, List<byte[]> revokers, String contact, String comment) {
        if (ttl < 0 || ttl > 255) {
            throw new IllegalArgumentException("ttl must be 0..255, got " + ttl);
        }
        byte[] giver = Crypto.publicKey(giverSeed);
        Options o = new Options();
        o.created = createdNs;
        o.expiry = expiryNs;
        o.revokers.addAll(revokers);
        o.contact = truncate(contact);
        o.comment = truncate(comment);
        byte[] sfx = suffix.getBytes(StandardCharsets.UTF_8);
        Bytes.Out out = new Bytes.Out().raw(giver).raw(receiver).u8(ttl).u8(SENTINEL_ACCESS);
        o.write(out);
        out.u16(permissions).raw(namespace).u16(sfx.length).raw(sfx);
        int signed = out.size();
        out.raw(Crypto.sign(giverSeed, giver, out.buffer(), 0, signed));
        return new Dot(out.toByteArray(), giver, receiver, ttl, o, permissions, namespace.clone(), suffix, signed);
    }

    /** bw2 truncates over-long DOT texts (it would panic on entities); we do the same for DOTs. */
    private static String truncate(String s) {
        if (s == null) {
            return null;
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return b.length <= 255 ? s : new String(Arrays.copyOf(b, 255), StandardCharsets.UTF_8);
    }

    public boolean signatureValid() {
        byte[] sig = Arrays.copyOfRange(encoded, signedLength, signedLength + 64);
        return Crypto.verify(giver, sig, encoded, 0, signedLength);
    }

    public boolean expiredAt(long nowNs) {
        return options.expiry != null && options.expiry < nowNs;
    }

    /** SHA-256 of every byte before the signature. */
    public byte[] hash() {
        return hash.clone();
    }

    public String hashB64() {
        return Crypto.b64(hash);
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public byte[] giver() {
        return giver.clone();
    }

    public String giverB64() {
        return Crypto.b64(giver);
    }

    public byte[] receiver() {
        return receiver.clone();
    }

    public String receiverB64() {
        return Crypto.b64(receiver);
    }

    public int ttl() {
        return ttl;
    }

    public int permissions() {
        return permissions;
    }

    public byte[] namespace() {
        return namespace.clone();
    }

    public String namespaceB64() {
        return Crypto.b64(namespace);
    }

    public String suffix() {
        return suffix;
    }

    public Long createdNs() {
        return options.created;
    }

    public Long expiryNs() {
        return options.expiry;
    }

    public List<byte[]> revokers() {
        return List.copyOf(options.revokers);
    }

    public String contact() {
        return options.contact;
    }

    public String comment() {
        return options.comment;
    }
}
