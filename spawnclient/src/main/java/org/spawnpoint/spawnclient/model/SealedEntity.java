package org.spawnpoint.spawnclient.model;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;

/**
 * The YAML key {@code sealedEntity}: a service's entity file sealed for one spawnpoint's X25519 key, so that the
 * config message on {@code slot/config} carries no private key bytes that other readers of the bus could collect.
 *
 * <p>Construction: HPKE (RFC 9180) from BouncyCastle, mode base, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256,
 * ChaCha20-Poly1305; {@code info} = {@value #INFO_TEXT}. The value is the standard base64 of
 * <pre>
 *   version (1 byte, 1) | recipient public key (32) | u16 length + service name (UTF-8)
 *   | u16 length + spawnpoint path below its namespace (UTF-8) | enc (32) | ciphertext (entity + 16-byte tag)
 * </pre>
 * Everything before {@code enc} is the AEAD's associated data, so the blob opens only for that key, that service
 * name and that spawnpoint path. The path leaves out the namespace element because the client may name the
 * namespace by alias and spawnd by its VK; a different spawnpoint has a different key in any case.
 *
 * <p>Included files: when a config carries {@code sealedEntity}, its include tar (the String PO 64.0.1.0, still
 * base64 text) is sealed too, as the second message of the same HPKE context (sequence number 1) with associated
 * data header ‖ {@code "includes"}; so it opens only together with that very entity blob.
 */
public final class SealedEntity {
    static final String INFO_TEXT = "spawnpoint sealedEntity v1";
    private static final byte[] INFO = INFO_TEXT.getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    private static final int ENC_BYTES = 32;
    private static final int TAG_BYTES = 16;

    private SealedEntity() {
    }

    /** What a seal makes: the {@code sealedEntity} value, and the sealed include tar (null when there is none). */
    public record Sealed(String sealedEntity, byte[] sealedIncludes) {
    }

    /** What an open gives: the entity file, and the include tar (null when none was sent). */
    public record Opened(byte[] entity, byte[] includes) {
    }

    private static final byte[] INCLUDES = "includes".getBytes(StandardCharsets.US_ASCII);

    private static HPKE hpke() {
        return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_CHACHA20_POLY1305);
    }

    /**
     * Seals an entity file for a spawnpoint.
     *
     * @param recipientKey   the spawnpoint's public key from its heartbeat ({@code SealKey})
     * @param spawnpointUri  the spawnpoint's URI, in either namespace form
     * @param serviceName    the service the entity is for
     * @return the value of {@code sealedEntity}
     */
    public static String seal(byte[] recipientKey, String spawnpointUri, String serviceName, byte[] entity) {
        return seal(recipientKey, spawnpointUri, serviceName, entity, null).sealedEntity();
    }

    /**
     * Seals an entity file and, when {@code includesTar} is not null, the include tar with it.
     *
     * @see #seal(byte[], String, String, byte[])
     */
    public static Sealed seal(byte[] recipientKey, String spawnpointUri, String serviceName, byte[] entity,
                              byte[] includesTar) {
        if (recipientKey == null || recipientKey.length != SealKeyPair.KEY_BYTES) {
            throw new IllegalArgumentException("the spawnpoint's seal key must be " + SealKeyPair.KEY_BYTES
                    + " bytes, got " + (recipientKey == null ? "none" : recipientKey.length));
        }
        byte[] header = header(recipientKey, serviceName, boundPath(spawnpointUri));
        HPKE h = hpke();
        try {
            HPKEContextWithEncapsulation ctx = h.setupBaseS(h.deserializePublicKey(recipientKey), INFO);
            byte[] ct = ctx.seal(header, entity);
            ByteBuffer out = ByteBuffer.allocate(header.length + ENC_BYTES + ct.length);
            out.put(header).put(ctx.getEncapsulation()).put(ct);
            byte[] tar = includesTar == null ? null : ctx.seal(concat(header, INCLUDES), includesTar);
            return new Sealed(Base64.getEncoder().encodeToString(out.array()), tar);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new IllegalArgumentException("cannot seal the entity for " + spawnpointUri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Opens a {@code sealedEntity} value with the spawnpoint's own key pair.
     *
     * @throws ConfigException naming {@code sealedEntity} and why it could not be opened
     */
    public static byte[] open(String sealed, SealKeyPair keys, String spawnpointUri, String serviceName) {
        return open(sealed, keys, spawnpointUri, serviceName, null).entity();
    }

    /**
     * Opens a {@code sealedEntity} value and, when {@code sealedIncludes} is not null, the include tar sealed with it.
     *
     * @throws ConfigException naming what could not be opened and why
     */
    public static Opened open(String sealed, SealKeyPair keys, String spawnpointUri, String serviceName,
                              byte[] sealedIncludes) {
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(sealed.replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw fail("is not standard base64 (" + e.getMessage() + ")");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        if (blob.length < 1 + SealKeyPair.KEY_BYTES + 4 + ENC_BYTES + TAG_BYTES) {
            throw fail("is too short (" + blob.length + " bytes) to be a sealed entity: corrupted");
        }
        int version = in.get() & 0xff;
        if (version != VERSION) {
            throw fail("has format version " + version + "; this spawnd opens version " + VERSION);
        }
        byte[] key = new byte[SealKeyPair.KEY_BYTES];
        in.get(key);
        String name = text(in);
        String path = text(in);
        if (name == null || path == null || in.remaining() < ENC_BYTES + TAG_BYTES) {
            throw fail("is truncated: corrupted");
        }
        byte[] ours;
        try {
            ours = keys.checked().publicKey();
        } catch (IllegalStateException e) {
            throw fail("could not be opened: " + e.getMessage() + " (the spawnpoint's seal key files do not match;"
                    + " move them away to make a new key, then deploy again)");
        }
        if (!MessageDigest.isEqual(key, ours)) {
            throw fail("was sealed for another spawnpoint key (" + SealKeyPair.fingerprint(key) + "…, this spawnpoint's"
                    + " is " + SealKeyPair.fingerprint(ours) + "…): deploy again so that it is sealed for this one");
        }
        if (!name.equals(serviceName)) {
            throw fail("was sealed for service \"" + name + "\", not \"" + serviceName + "\"");
        }
        String want = boundPath(spawnpointUri);
        if (!path.equals(want)) {
            throw fail("was sealed for spawnpoint path \"" + path + "\", not \"" + want + "\"");
        }
        int headerLength = in.position();
        byte[] enc = new byte[ENC_BYTES];
        in.get(enc);
        byte[] ct = Arrays.copyOfRange(blob, in.position(), blob.length);
        HPKE h = hpke();
        byte[] header = Arrays.copyOf(blob, headerLength);
        HPKEContext ctx;
        byte[] entity;
        try {
            AsymmetricCipherKeyPair kp = h.deserializePrivateKey(keys.privateKey(), ours);
            ctx = h.setupBaseR(enc, kp, INFO);
            entity = ctx.open(header, ct);
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw fail("could not be opened: corrupted or tampered with (authentication failed)");
        }
        if (sealedIncludes == null) {
            return new Opened(entity, null);
        }
        try {
            return new Opened(entity, ctx.open(concat(header, INCLUDES), sealedIncludes));
        } catch (InvalidCipherTextException | RuntimeException e) {
            throw new ConfigException(null, "the included files (String PO 64.0.1.0) could not be opened with"
                    + " 'sealedEntity': corrupted, tampered with, or from another deploy (authentication failed)");
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** The spawnpoint URI without its namespace element, as bound into a seal. */
    static String boundPath(String spawnpointUri) {
        String base = SpawnUris.base(spawnpointUri.strip());
        int slash = base.indexOf('/');
        return slash < 0 ? "" : base.substring(slash + 1);
    }

    private static byte[] header(byte[] key, String name, String path) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(VERSION);
        out.writeBytes(key);
        for (String s : new String[] {name, path}) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            if (b.length > 0xffff) {
                throw new IllegalArgumentException("name too long to seal: " + b.length + " bytes");
            }
            out.write(b.length >> 8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    private static String text(ByteBuffer in) {
        if (in.remaining() < 2) {
            return null;
        }
        int n = in.getShort() & 0xffff;
        if (in.remaining() < n) {
            return null;
        }
        byte[] b = new byte[n];
        in.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static ConfigException fail(String problem) {
        return new ConfigException("sealedEntity", problem);
    }
}
