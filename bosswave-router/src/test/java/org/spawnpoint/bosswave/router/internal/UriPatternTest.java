package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UriPatternTest {
    private static String[] u(String s) {
        return s.split("/");
    }

    @Test
    void grammar() {
        for (String ok : new String[] {"a", "a/b", "A-z_0,9().$", "a/!meta/x", "+/+/+", "a/*/b", "*", "!x"}) {
            UriPattern.parse(ok);
        }
        for (String bad : new String[] {"", "/a", "a/", "a//b", "a/*/b/*", "a/!x/!y", "a/!", "a+", "a/b*", "a b", "a/é",
                "a/#"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UriPattern.parse(bad), bad);
            assertFalse(e.getMessage().isEmpty());
        }
        assertTrue(UriPattern.parse("a/+").hasWildcard());
        assertFalse(UriPattern.parse("a/b").hasWildcard());
    }

    @Test
    void plusMatchesExactlyOneElement() {
        UriPattern p = UriPattern.parse("a/+/c");
        assertTrue(p.matchesPublished(u("a/b/c")));
        assertFalse(p.matchesPublished(u("a/c")));
        assertFalse(p.matchesPublished(u("a/b/b/c")));
        assertTrue(UriPattern.parse("+").matchesPublished(u("x")));
    }

    @Test
    void midStarMatchesZeroOrMore() {
        UriPattern p = UriPattern.parse("a/*/z");
        assertTrue(p.matchesPublished(u("a/z")));
        assertTrue(p.matchesPublished(u("a/b/z")));
        assertTrue(p.matchesPublished(u("a/b/c/d/z")));
        assertFalse(p.matchesPublished(u("a/b/c")));
        assertTrue(UriPattern.parse("*/z").matchesPublished(u("z")));
    }

    @Test
    void trailingStarNeedsOneElementForSubscriptionsButNotForQueries() {
        UriPattern p = UriPattern.parse("a/*");
        assertFalse(p.matchesPublished(u("a")));
        assertTrue(p.matchesRetained(u("a")));
        assertTrue(p.matchesPublished(u("a/b")));
        assertTrue(p.matchesPublished(u("a/b/c")));
        assertFalse(p.matchesPublished(u("b/c")));
        assertTrue(UriPattern.parse("a/*/b").matchesPublished(u("a/b")));
    }

    @Test
    void grantCoverage() {
        assertTrue(UriPattern.parse("*").covers(UriPattern.parse("a/+/c")));
        assertTrue(UriPattern.parse("a/*").covers(UriPattern.parse("a")));
        assertTrue(UriPattern.parse("a/*").covers(UriPattern.parse("a/*")));
        assertTrue(UriPattern.parse("a/*").covers(UriPattern.parse("a/b/*")));
        assertTrue(UriPattern.parse("a/+").covers(UriPattern.parse("a/b")));
        assertTrue(UriPattern.parse("a/+").covers(UriPattern.parse("a/+")));
        assertFalse(UriPattern.parse("a/b").covers(UriPattern.parse("a/+")));
        assertFalse(UriPattern.parse("a/+").covers(UriPattern.parse("a/*")));
        assertFalse(UriPattern.parse("a/b/*").covers(UriPattern.parse("a/*")));
        assertFalse(UriPattern.parse("a/b").covers(UriPattern.parse("a/c")));
        assertTrue(UriPattern.parse("a/*/z").covers(UriPattern.parse("a/x/+/z")));
        assertFalse(UriPattern.parse("a/*/z").covers(UriPattern.parse("a/x/*")));
        assertEquals("a/b", UriPattern.parse("a/b").suffix());
    }
}
