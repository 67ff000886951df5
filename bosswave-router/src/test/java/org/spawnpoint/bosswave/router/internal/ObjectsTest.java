package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;

class ObjectsTest {

    @Test
    void dotRoundTripsAndVerifies() throws Exception {
        byte[] giver = Crypto.newSeed();
        byte[] to = Crypto.publicKey(Crypto.newSeed());
        byte[] ns = Crypto.publicKey(giver);
        Dot d = Dot.create(giver, to, 3, Permissions.parse("PC*"), ns, "a/+/b", 11L, 22L, List.of(to), "c", "x");
        Dot p = Dot.parse(d.encoded());
        assertTrue(p.signatureValid());
        assertEquals(d.hashB64(), p.hashB64());
        assertEquals(3, p.ttl());
        assertEquals("a/+/b", p.suffix());
        assertEquals(Permissions.P | Permissions.C | Permissions.C_PLUS | Permissions.C_STAR, p.permissions());
        assertEquals(22L, p.expiryNs());
        assertArrayEquals(to, p.revokers().get(0));
        assertArrayEquals(Crypto.sha256(d.encoded(), 0, d.encoded().length - 64), p.hash());
        byte[] bad = d.encoded();
        bad[bad.length - 66] ^= 1; // inside the suffix
        assertFalse(Dot.parse(bad).signatureValid());
    }

    @Test
    void truncatedObjectsGiveErrorsNamingTheField() {
        ObjectFormatException e = assertThrows(ObjectFormatException.class, () -> Dot.parse(new byte[40]));
        assertTrue(e.getMessage().contains("receiver VK"), e.getMessage());
        e = assertThrows(ObjectFormatException.class, () -> Entity.parse(new byte[33]));
        assertTrue(e.getMessage().startsWith("entity: truncated"), e.getMessage());
    }

    @Test
    void revocationRoundTrips() throws Exception {
        byte[] seed = Crypto.newSeed();
        Revocation r = Revocation.create(seed, new byte[32], 5L, "gone");
        Revocation p = Revocation.parse(r.encoded());
        assertTrue(p.signatureValid());
        assertEquals("gone", p.comment());
        assertArrayEquals(Crypto.publicKey(seed), p.revoker());
    }

    @Test
    void keyFileIsWrittenInBw2FormatWithMode0600(@TempDir Path dir) throws Exception {
        byte[] seed = Crypto.newSeed();
        EntityKey k = new EntityKey(seed, Entity.create(seed, 1L, null, List.of(), "me", null));
        Path f = dir.resolve("me.key");
        KeyFiles.writeKey(f, k);
        byte[] b = Files.readAllBytes(f);
        assertEquals(0x32, b[0]);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(k.entity().vkB64(), KeyFiles.readKey(f).entity().vkB64());
    }

    @Test
    void newSeedsNeverGiveVksStartingWithDash() {
        for (int i = 0; i < 50; i++) {
            assertTrue(Crypto.b64(Crypto.publicKey(Crypto.newSeed())).charAt(0) != '-');
        }
    }

    @Test
    void permissionStrings() {
        assertEquals("C*PL", Permissions.render(Permissions.parse("lpc*")));
        assertEquals(0x03, Permissions.parse("C+"));
        assertEquals(0x07, Permissions.parse("C*"));
        assertEquals("C+", Permissions.render(Permissions.parse("C+")));
        assertThrows(IllegalArgumentException.class, () -> Permissions.parse("PX"));
        assertThrows(IllegalArgumentException.class, () -> Permissions.parse(""));
    }
}
