package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SealedEntityTest {
    private static final String SP = "scratch.ns/spawnpoint/alpha";
    private static final byte[] ENTITY = "\u0032 private key bytes of the service entity".getBytes(StandardCharsets.UTF_8);
    private final SealKeyPair keys = SealKeyPair.generate();

    @Test
    void roundTrip() {
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY);
        assertArrayEquals(ENTITY, SealedEntity.open(sealed, keys, SP, "svc"));
        assertFalse(new String(Base64.getDecoder().decode(sealed), StandardCharsets.ISO_8859_1)
                .contains("private key bytes"), "the entity is not in the clear");
        assertFalse(sealed.contains(Base64.getEncoder().encodeToString(ENTITY)));
        // a fresh ephemeral key each time
        assertFalse(sealed.equals(SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY)));
    }

    @Test
    void theNamespaceMayBeNamedByAliasOrVk() {
        String sealed = SealedEntity.seal(keys.publicKey(), SP + "/", "svc", ENTITY);
        assertArrayEquals(ENTITY, SealedEntity.open(sealed, keys, "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/spawnpoint/alpha", "svc"));
    }

    @Test
    void anotherSpawnpointKeyCannotOpen() {
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY);
        ConfigException e = assertThrows(ConfigException.class,
                () -> SealedEntity.open(sealed, SealKeyPair.generate(), SP, "svc"));
        assertEquals("sealedEntity", e.field());
        assertTrue(e.getMessage().contains("was sealed for another spawnpoint key"), e.getMessage());
    }

    @Test
    void anotherServiceNameOrPathCannotOpen() {
        String sealed = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY);
        ConfigException e = assertThrows(ConfigException.class, () -> SealedEntity.open(sealed, keys, SP, "other"));
        assertEquals("Invalid service config: 'sealedEntity' was sealed for service \"svc\", not \"other\"", e.getMessage());
        e = assertThrows(ConfigException.class, () -> SealedEntity.open(sealed, keys, "ns/spawnpoint/beta", "svc"));
        assertTrue(e.getMessage().contains("was sealed for spawnpoint path \"spawnpoint/alpha\", not \"spawnpoint/beta\""),
                e.getMessage());
    }

    /** Rewriting the clear header to another name passes the checks but not the AEAD, which binds the header. */
    @Test
    void tamperedBlobsFailAuthentication() {
        byte[] blob = Base64.getDecoder().decode(SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY));
        byte[] ct = blob.clone();
        ct[ct.length - 5] ^= 1;
        ConfigException e = assertThrows(ConfigException.class,
                () -> SealedEntity.open(Base64.getEncoder().encodeToString(ct), keys, SP, "svc"));
        assertTrue(e.getMessage().contains("could not be opened: corrupted or tampered with"), e.getMessage());
        byte[] renamed = blob.clone();
        int nameAt = 1 + 32 + 2;
        renamed[nameAt] = 'x'; // "svc" -> "xvc"
        e = assertThrows(ConfigException.class,
                () -> SealedEntity.open(Base64.getEncoder().encodeToString(renamed), keys, SP, "xvc"));
        assertTrue(e.getMessage().contains("could not be opened: corrupted or tampered with"), e.getMessage());
    }

    @Test
    void includeTarGoesSealedWithTheEntity() {
        byte[] tar = "pretend tar with secrets: password=hunter2".getBytes(StandardCharsets.UTF_8);
        SealedEntity.Sealed s = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY, tar);
        assertFalse(new String(s.sealedIncludes(), StandardCharsets.ISO_8859_1).contains("hunter2"));
        SealedEntity.Opened o = SealedEntity.open(s.sealedEntity(), keys, SP, "svc", s.sealedIncludes());
        assertArrayEquals(ENTITY, o.entity());
        assertArrayEquals(tar, o.includes());
        // A tar sealed in another deploy does not open with this entity blob, nor does a tampered one.
        SealedEntity.Sealed other = SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY, tar);
        ConfigException e = assertThrows(ConfigException.class,
                () -> SealedEntity.open(s.sealedEntity(), keys, SP, "svc", other.sealedIncludes()));
        assertTrue(e.getMessage().contains("the included files (String PO 64.0.1.0) could not be opened with"
                + " 'sealedEntity'"), e.getMessage());
        byte[] bad = s.sealedIncludes().clone();
        bad[0] ^= 1;
        assertThrows(ConfigException.class, () -> SealedEntity.open(s.sealedEntity(), keys, SP, "svc", bad));
        assertEquals(null, SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY, null).sealedIncludes());
    }

    @Test
    void malformedValuesSayWhat() {
        assertTrue(assertThrows(ConfigException.class, () -> SealedEntity.open("!!", keys, SP, "svc"))
                .getMessage().contains("'sealedEntity' is not standard base64"));
        assertTrue(assertThrows(ConfigException.class, () -> SealedEntity.open("AAAA", keys, SP, "svc"))
                .getMessage().contains("is too short"));
        byte[] blob = Base64.getDecoder().decode(SealedEntity.seal(keys.publicKey(), SP, "svc", ENTITY));
        blob[0] = 9;
        assertTrue(assertThrows(ConfigException.class,
                () -> SealedEntity.open(Base64.getEncoder().encodeToString(blob), keys, SP, "svc"))
                .getMessage().contains("has format version 9; this spawnd opens version 1"));
        assertThrows(IllegalArgumentException.class, () -> SealedEntity.seal(new byte[5], SP, "svc", ENTITY));
    }

    @Test
    void keyPairsRoundTripThroughTheirPrivateHalf() {
        SealKeyPair again = SealKeyPair.fromPrivateKey(keys.privateKey());
        assertArrayEquals(keys.publicKey(), again.publicKey());
        assertFalse(keys.toString().contains(Base64.getEncoder().encodeToString(keys.privateKey())));
        assertThrows(IllegalArgumentException.class, () -> SealKeyPair.fromPrivateKey(new byte[31]));
    }
}
