package org.spawnpoint.spawnclient.model;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.NamedParameterSpec;
import java.security.spec.XECPrivateKeySpec;
import java.security.spec.XECPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.KeyAgreement;

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
    /** Whether {@link #publicKey} is known to be {@link #privateKey}'s: derived from it, or checked against it. */
    private volatile boolean checked;

    private SealKeyPair(byte[] privateKey, byte[] publicKey, boolean checked) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.checked = checked;
    }

    /** A fresh key pair from a strong random source (any 32 bytes are an X25519 private key, RFC 7748). */
    public static SealKeyPair generate() {
        byte[] privateKey = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(privateKey);
        return fromPrivateKey(privateKey);
    }

    /** The key pair of a stored 32-byte private key (its public half computed). */
    public static SealKeyPair fromPrivateKey(byte[] privateKey) {
        requireKey(privateKey, "private");
        return new SealKeyPair(privateKey.clone(), derivePublic(privateKey), true);
    }

    /**
     * The key pair of a stored private key and its stored public half, without computing anything: a restart of
     * spawnd then loads no crypto at all (XDH costs the security providers, 5.5 MiB of resident memory). The halves
     * are checked against each other when a sealed entity is first opened ({@link #checked()}).
     */
    public static SealKeyPair fromStored(byte[] privateKey, byte[] publicKey) {
        requireKey(privateKey, "private");
        requireKey(publicKey, "public");
        return new SealKeyPair(privateKey.clone(), publicKey.clone(), false);
    }

    private static void requireKey(byte[] key, String half) {
        if (key == null || key.length != KEY_BYTES) {
            throw new IllegalArgumentException("expected a " + KEY_BYTES + "-byte X25519 " + half + " key, got "
                    + (key == null ? "none" : key.length + " bytes"));
        }
    }

    /**
     * X25519(k, 9), the public half, with the JDK's XDH: BouncyCastle's X25519 gives the same bytes
     * (SealKeyPairTest), but loading it from its signed jar costs spawnd's start the JAR verifier and 15 MiB of
     * resident memory against 5.5 MiB for the JDK's (a one-off measurement, serial GC); BouncyCastle stays for opening
     * sealed entities (HPKE), which only a sealed deploy needs.
     */
    private static byte[] derivePublic(byte[] privateKey) {
        try {
            KeyFactory factory = KeyFactory.getInstance("XDH");
            PrivateKey sk = factory.generatePrivate(new XECPrivateKeySpec(NamedParameterSpec.X25519, privateKey));
            PublicKey basePoint = factory.generatePublic(new XECPublicKeySpec(NamedParameterSpec.X25519,
                    BigInteger.valueOf(9)));
            KeyAgreement agreement = KeyAgreement.getInstance("XDH");
            agreement.init(sk);
            agreement.doPhase(basePoint, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot compute X25519 (XDH): " + e.getMessage(), e);
        }
    }

    /**
     * This pair, once its public half is known to be its private half's.
     *
     * @throws IllegalStateException when a stored public half is not the stored private half's
     */
    SealKeyPair checked() {
        if (!checked) {
            if (!java.security.MessageDigest.isEqual(derivePublic(privateKey), publicKey)) {
                throw new IllegalStateException("the stored seal public key " + fingerprint(publicKey)
                        + "… is not that of the stored private key");
            }
            checked = true;
        }
        return this;
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
