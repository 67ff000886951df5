package org.spawnpoint.bosswave.router.internal.objects;

import java.util.Arrays;

/** A revocation (RO 0x50, bosswave-oob.md §5.3): revoker VK, target (DOT hash or entity VK), options, signature. */
public final class Revocation {
    private final byte[] encoded;
    private final byte[] revoker;
    private final byte[] target;
    private final Options options;
    private final int signedLength;

    private Revocation(byte[] encoded, byte[] revoker, byte[] target, Options options, int signedLength) {
        this.encoded = encoded;
        this.revoker = revoker;
        this.target = target;
        this.options = options;
        this.signedLength = signedLength;
    }

    public static Revocation parse(byte[] ro) throws ObjectFormatException {
        ByteCursor c = new ByteCursor(ro, "revocation");
        byte[] revoker = c.bytes(32, "revoker VK");
        byte[] target = c.bytes(32, "target");
        Options o = Options.read(c, "revocation");
        int signed = c.position();
        c.bytes(64, "signature");
        if (c.remaining() != 0) {
            throw new ObjectFormatException("revocation: " + c.remaining() + " unexpected bytes after the signature");
        }
        return new Revocation(ro.clone(), revoker, target, o, signed);
    }

    public static Revocation create(byte[] revokerSeed, byte[] target, Long createdNs, String comment) {
        byte[] vk = Crypto.publicKey(revokerSeed);
        Options o = new Options();
        o.created = createdNs;
        o.comment = comment;
        Bytes.Out out = new Bytes.Out().raw(vk).raw(target);
        o.write(out);
        int signed = out.size();
        out.raw(Crypto.sign(revokerSeed, vk, out.buffer(), 0, signed));
        return new Revocation(out.toByteArray(), vk, target.clone(), o, signed);
    }

    public boolean signatureValid() {
        byte[] sig = Arrays.copyOfRange(encoded, signedLength, signedLength + 64);
        return Crypto.verify(revoker, sig, encoded, 0, signedLength);
    }

    /** SHA-256 of the whole object (the bw2 reader's definition). */
    public byte[] hash() {
        return Crypto.sha256(encoded);
    }

    public byte[] revoker() {
        return revoker.clone();
    }

    public byte[] target() {
        return target.clone();
    }

    public String targetB64() {
        return Crypto.b64(target);
    }

    public byte[] encoded() {
        return encoded.clone();
    }

    public String comment() {
        return options.comment;
    }
}
