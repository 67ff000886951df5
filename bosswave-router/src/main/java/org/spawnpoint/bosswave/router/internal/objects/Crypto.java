package org.spawnpoint.bosswave.router.internal.objects;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/** Ed25519 (RFC 8032, 32-byte seeds), SHA-256 and the URL-safe, padded base64 that bw2 uses everywhere. */
public final class Crypto {
    /** The "Everybody" VK: a DOT to it grants to everyone (bosswave-oob.md §5.3). */
    public static final String EVERYBODY_B64 = "----EqP__WY477nofMYUz2MNFBsfa5IK_RBlRvKptDY=";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder();
    private static final Base64.Decoder UNB64 = Base64.getUrlDecoder();
    public static final byte[] EVERYBODY = unb64(EVERYBODY_B64);

    private Crypto() {
    }

    public static String b64(byte[] b) {
        return B64.encodeToString(b);
    }

    /** Decodes URL-safe base64; throws IllegalArgumentException on anything else. */
    public static byte[] unb64(String s) {
        return UNB64.decode(s);
    }

    /** The 32 bytes a 44-character b64 VK or hash stands for, or null when {@code s} is not one. */
    public static byte[] unb64Key(String s) {
        if (s == null || s.length() != 44) {
            return null;
        }
        try {
            byte[] b = UNB64.decode(s);
            return b.length == 32 ? b : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public static byte[] sha256(byte[] data, int off, int len) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(data, off, len);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JRE", e);
        }
    }

    public static byte[] sha256(byte[] data) {
        return sha256(data, 0, data.length);
    }

    public static byte[] publicKey(byte[] seed) {
        byte[] vk = new byte[32];
        Ed25519.generatePublicKey(seed, 0, vk, 0);
        return vk;
    }

    /** A fresh seed whose b64 VK does not start with '-' (the bw2 router retries the same way: such VKs look like flags). */
    public static byte[] newSeed() {
        while (true) {
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            if (b64(publicKey(seed)).charAt(0) != '-') {
                return seed;
            }
        }
    }

    public static byte[] sign(byte[] seed, byte[] vk, byte[] msg, int off, int len) {
        byte[] sig = new byte[64];
        Ed25519.sign(seed, 0, vk, 0, msg, off, len, sig, 0);
        return sig;
    }

    public static boolean verify(byte[] vk, byte[] sig, byte[] msg, int off, int len) {
        if (vk.length != 32 || sig.length != 64) {
            return false;
        }
        try {
            return Ed25519.verify(sig, 0, vk, 0, msg, off, len);
        } catch (RuntimeException e) {
            return false;
        }
    }

    public static long randomLong() {
        return RANDOM.nextLong();
    }
}
