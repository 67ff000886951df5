package org.spawnpoint.spawnclient.model;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/**
 * A spawnpoint's X25519 key pair for sealed configs: spawnd keeps the private half in its state directory and
 * advertises the public half in its heartbeat ({@code SealKey}); clients seal a service's entity for it
 * ({@link SealedEntity}).
 */
public final class SealKeyPair {
    /** Both halves of an X25519 key are 32 bytes. */
    public static final int KEY_BYTES = 32;

    private final byte[] privateKey;
    private final byte[] publicKey;

    private SealKeyPair(byte[] privateKey) {
        X25519PrivateKeyParameters sk = new X25519PrivateKeyParameters(privateKey, 0);
        this.privateKey = sk.getEncoded();
        this.publicKey = sk.generatePublicKey().getEncoded();
    }

    /** A fresh key pair from a strong random source. */
    public static SealKeyPair generate() {
        return new SealKeyPair(new X25519PrivateKeyParameters(new SecureRandom()).getEncoded());
    }

    /** The key pair of a stored 32-byte private key. */
    public static SealKeyPair fromPrivateKey(byte[] privateKey) {
        if (privateKey == null || privateKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("expected a " + KEY_BYTES + "-byte X25519 private key, got "
                    + (privateKey == null ? "none" : privateKey.length + " bytes"));
        }
        return new SealKeyPair(privateKey);
    }

    /** The private key (a copy); store it where only spawnd can read it. */
    public byte[] privateKey() {
        return privateKey.clone();
    }

    /** The public key (a copy), as advertised in the heartbeat. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** A short, printable name of a public key for messages: its first 8 bytes in hex. */
    public static String fingerprint(byte[] publicKey) {
        return HexFormat.of().formatHex(Arrays.copyOf(publicKey, Math.min(8, publicKey.length)));
    }

    @Override
    public String toString() {
        return "SealKeyPair[" + fingerprint(publicKey) + "]";
    }
}
