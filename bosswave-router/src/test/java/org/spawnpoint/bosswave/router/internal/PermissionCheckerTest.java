package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import org.spawnpoint.bosswave.router.internal.objects.Revocation;

/** The permission matrix over a real registry file. */
class PermissionCheckerTest {
    @TempDir
    Path dir;
    Registry reg;
    PermissionChecker pc;
    EntityKey ns;
    EntityKey alice;
    EntityKey bob;

    @BeforeEach
    void setUp() throws Exception {
        reg = Registry.open(dir, false);
        pc = new PermissionChecker(reg);
        ns = TestIds.entity("ns");
        alice = TestIds.entity("alice");
        bob = TestIds.entity("bob");
        for (EntityKey e : new EntityKey[] {ns, alice, bob}) {
            reg.putEntity(e.entity());
        }
    }

    @AfterEach
    void tearDown() {
        reg.close();
    }

    private PermissionChecker.Chain find(String suffix, String perms, EntityKey who) {
        return pc.find(ns.entity().vkB64(), UriPattern.parse(suffix), Permissions.parse(perms), who.entity().vkB64(),
                TestIds.now());
    }

    @Test
    void grantedNotGrantedAndWrongLetter() throws Exception {
        reg.putDot(TestIds.dot(ns, alice, ns, "a/*", "P", 0));
        assertNotNull(find("a/b", "P", alice));
        assertNull(find("a/b", "P", bob), "no DOT to bob");
        assertNull(find("a/b", "C", alice), "P does not grant C");
        assertNull(find("x/b", "P", alice), "outside the granted pattern");
    }

    @Test
    void broaderWildcardThanTheGrantIsRefused() throws Exception {
        reg.putDot(TestIds.dot(ns, alice, ns, "a/b/*", "C*", 0));
        assertNotNull(find("a/b/*", "C*", alice));
        assertNotNull(find("a/b/+/c", "C+", alice));
        assertNull(find("a/*", "C*", alice));
        assertNull(find("*", "C*", alice));
    }

    @Test
    void expiredAndRevokedDotsDoNotCount() throws Exception {
        reg.putDot(TestIds.dot(ns, alice.entity().vk(), ns, "a", "P", 0, TestIds.now() - 1_000_000));
        assertNull(find("a", "P", alice));
        Dot d = TestIds.dot(ns, alice, ns, "b", "P", 0);
        reg.putDot(d);
        assertNotNull(find("b", "P", alice));
        reg.putRevocation(Revocation.create(ns.seed(), d.hash(), TestIds.now(), null));
        assertNull(find("b", "P", alice), "the cache must notice the revocation");
    }

    @Test
    void revokedOrExpiredEntitiesBreakTheChain() throws Exception {
        EntityKey old = TestIds.entity("old", TestIds.now() - 1);
        reg.putEntity(old.entity());
        reg.putDot(TestIds.dot(ns, old, ns, "a", "P", 0));
        assertNull(find("a", "P", old));
        reg.putDot(TestIds.dot(ns, bob, ns, "a", "P", 0));
        assertNotNull(find("a", "P", bob));
        reg.putRevocation(Revocation.create(bob.seed(), bob.entity().vk(), TestIds.now(), "lost key"));
        assertNull(find("a", "P", bob));
    }

    @Test
    void ttlLimitsDelegation() throws Exception {
        reg.putDot(TestIds.dot(ns, alice, ns, "a/*", "P", 0));
        reg.putDot(TestIds.dot(alice, bob, ns, "a/*", "P", 0));
        assertNull(find("a/x", "P", bob), "TTL 0 allows no further hop");
        reg.putDot(TestIds.dot(ns, alice, ns, "a/*", "PC", 1));
        reg.putDot(TestIds.dot(alice, bob, ns, "a/*", "PC", 0));
        PermissionChecker.Chain c = find("a/x", "P", bob);
        assertNotNull(c);
        assertEquals(2, c.dots().size());
    }

    @Test
    void brokenChainAndUnknownEntity() throws Exception {
        EntityKey ghost = TestIds.entity("ghost"); // never registered
        reg.putDot(TestIds.dot(ns, ghost, ns, "a", "P", 5));
        reg.putDot(TestIds.dot(ghost, bob, ns, "a", "P", 5));
        assertNull(find("a", "P", bob), "a DOT to an unregistered entity is not valid");
    }

    @Test
    void everybodyGrantsAll() throws Exception {
        reg.putDot(TestIds.dot(ns, Crypto.EVERYBODY, ns, "pub/*", "C*", 0, null));
        PermissionChecker.Chain c = find("pub/+", "C+", bob);
        assertNotNull(c);
        assertEquals(true, c.endsAtEverybody());
    }

    @Test
    void revocationMustComeFromSomeoneAllowed() throws Exception {
        Dot d = TestIds.dot(ns, alice, ns, "b", "P", 0);
        reg.putDot(d);
        BwException e = assertThrows(BwException.class,
                () -> reg.putRevocation(Revocation.create(bob.seed(), d.hash(), TestIds.now(), null)));
        assertEquals(435, e.code());
    }

    @Test
    void registrySurvivesReopen() throws Exception {
        reg.putDot(TestIds.dot(ns, alice, ns, "a", "P", 0));
        reg.putAlias("my.ns", ns.entity().vk());
        reg.close();
        reg = Registry.open(dir, false);
        pc = new PermissionChecker(reg);
        assertNotNull(find("a", "P", alice));
        assertEquals(ns.entity().vkB64(), Crypto.b64(reg.resolveAlias("my.ns")));
    }
}
