package org.spawnpoint.bosswave.router.internal.objects;

import java.util.Arrays;
import java.util.List;

/** A bw2 entity (RO 0x30, bosswave-oob.md §5.1): a VK with options, self-signed. Immutable. */
public final class Entity {
    private final byte[] encoded;
    private final byte[] vk;
    private final Options options;
    private final int signedLength;
    /** Asked for on every publish (the result's {@code from}); made once. */
    private final String vkB64;
    /** The same in ASCII bytes, for the results written straight into frames (ResultEncoder). */
    private final byte[] vkB64Ascii;

    private Entity(byte[] encoded, byte[] vk, Options options, int signedLength) {
        this.encoded = encoded;
        this.vk = vk;
        this.options = options;
        this.signedLength = signedLength;
        this.vkB64 = Crypto.b64(vk);
        this.vkB64Ascii = vkB64.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    public static Entity parse(byte[] ro) throws ObjectFormatException {
        ByteCursor c = new ByteCursor(ro, "entity");
        byte[] vk = c.bytes(32, "VK");
        Options o = Options.read(c, "entity");
        int signed = c.position();
        c.bytes(64, "signature");
        if (c.remaining() != 0) {
            throw new ObjectFormatException("entity: " + c.remaining() + " unexpected bytes after the signature");
        }
        return new Entity(ro.clone(), vk, o, signed);
    }

    /** Creates and self-signs an entity for {@code seed}. Times are Unix nanoseconds; null omits the option. */
    public static Entity create(byte[] seed, Long createdNs, Long expiryNs, List<byte[]> revokers, String contact,
                                String comment) {
        byte[] vk = Crypto.publicKey(seed);
        Options o = new Options();
        o.created = createdNs;
        o.expiry = expiryNs;
        o.revokers.addAll(revokers);
        o.contact = contact;
        o.comment = comment;
        Bytes.Out out = new Bytes.Out().raw(vk);
        o.write(out);
        int signed = out.size();
        out.raw(Crypto.sign(seed, vk, out.buffer(), 0, signed));
        return new Entity(out.toByteArray(), vk, o, signed);
    }

    public boolean signatureValid() {
        byte[] sig = Arrays.copyOfRange(encoded, signedLength, signedLength + 64);
        return Crypto.verify(vk, sig, encoded, 0, signedLength);
    }

    public boolean expiredAt(long nowNs) {
        return options.expiry != null && options.expiry < nowNs;
    }

    public byte[] vk() {
        return vk.clone();
    }

    public String vkB64() {
        return vkB64;
    }

    /** {@link #vkB64()} as ASCII bytes; shared, do not modify (every delivery of a publish carries it). */
    public byte[] vkB64Shared() {
        return vkB64Ascii;
    }

    /** The VK itself; shared, do not modify (the publish path reads it per message, a copy cost 2% of its garbage). */
    public byte[] vkShared() {
        return vk;
    }

    public byte[] encoded() {
        return encoded.clone();
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
