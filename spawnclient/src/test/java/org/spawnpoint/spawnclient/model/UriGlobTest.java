package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UriGlobTest {
    @Test
    void aStarIsOneElementAndNeverCrossesASlash() {
        UriGlob g = UriGlob.uri("scratch.ns/spawnpoint/*");
        assertTrue(g.matches("scratch.ns/spawnpoint/alpha"));
        assertTrue(g.matches("scratch.ns/spawnpoint/beta/"), "one trailing / is ignored, as everywhere");
        assertFalse(g.matches("scratch.ns/spawnpoint"), "* is one element, not none");
        assertFalse(g.matches("scratch.ns/spawnpoint/a/b"));
        assertFalse(g.matches("other.ns/spawnpoint/alpha"));
        assertEquals("scratch.ns/spawnpoint/+", g.bosswavePattern());
        assertEquals("scratch.ns/spawnpoint", g.literalPrefix());
        assertFalse(g.isLiteral());
    }

    @Test
    void partialGlobsAndQuestionMarks() {
        UriGlob g = UriGlob.uri("scratch.ns/rack?/web*");
        assertTrue(g.matches("scratch.ns/rack1/web"));
        assertTrue(g.matches("scratch.ns/rack2/web-east"));
        assertFalse(g.matches("scratch.ns/rack10/web"));
        assertFalse(g.matches("scratch.ns/rack1/db"));
        assertEquals("scratch.ns/+/+", g.bosswavePattern(), "the router filters by element count, we by glob");
        assertEquals("scratch.ns", g.literalPrefix());
        UriGlob dots = UriGlob.uri("a.ns/x.y/(z)$");
        assertTrue(dots.matches("a.ns/x.y/(z)$"), "regex characters are literal");
        assertFalse(dots.matches("a.ns/xzy/(z)$"));
        assertTrue(dots.isLiteral());
        assertEquals("a.ns/x.y/(z)$", dots.bosswavePattern());
    }

    @Test
    void doubleStarIsAnyNumberOfElements() {
        UriGlob g = UriGlob.uri("scratch.ns/**/alpha");
        assertTrue(g.matches("scratch.ns/alpha"));
        assertTrue(g.matches("scratch.ns/spawnpoint/alpha"));
        assertTrue(g.matches("scratch.ns/a/b/c/alpha"));
        assertFalse(g.matches("scratch.ns/a/alphas"));
        assertEquals("scratch.ns/*/alpha", g.bosswavePattern());
        assertTrue(UriGlob.uri("scratch.ns/**").matches("scratch.ns/x/y"));
    }

    @Test
    void namePatterns() {
        UriGlob n = UriGlob.name("web*");
        assertTrue(n.matches("web"));
        assertTrue(n.matches("web-1"));
        assertFalse(n.matches("db-web"));
        assertTrue(UriGlob.name("*").matches("anything.at_all"));
        assertTrue(UriGlob.name("demosvc").isLiteral());
        assertTrue(UriGlob.isPattern("a?"));
        assertFalse(UriGlob.isPattern("abc"));
        assertFalse(UriGlob.isPattern(null));
    }

    @Test
    void badPatternsSayWhatIsWrong() {
        assertEquals("\"*/spawnpoint\": the namespace (the first element) cannot be a pattern; BOSSWAVE subscribes"
                + " within one namespace", assertThrows(IllegalArgumentException.class, () -> UriGlob.uri("*/spawnpoint"))
                .getMessage());
        assertEquals("\"a.ns/**/x/**\" has ** more than once; BOSSWAVE allows one",
                assertThrows(IllegalArgumentException.class, () -> UriGlob.uri("a.ns/**/x/**")).getMessage());
        assertEquals("\"a.ns//x\" has an empty path element (a double or leading /)",
                assertThrows(IllegalArgumentException.class, () -> UriGlob.uri("a.ns//x")).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> UriGlob.uri("a.ns")).getMessage()
                .contains("names only a namespace"));
        assertThrows(IllegalArgumentException.class, () -> UriGlob.uri(" "));
        assertThrows(IllegalArgumentException.class, () -> UriGlob.name("a/b"));
        assertThrows(IllegalArgumentException.class, () -> UriGlob.name(""));
    }

    @Test
    void shortNamesAreTheUriAfterThePrefix() {
        assertEquals("alpha", UriGlob.shortName("scratch.ns/spawnpoint", "scratch.ns/spawnpoint/alpha"));
        assertEquals("alpha", UriGlob.shortName("scratch.ns/spawnpoint/*", "scratch.ns/spawnpoint/alpha"));
        assertEquals("spawnpoint/alpha", UriGlob.shortName("scratch.ns/", "scratch.ns/spawnpoint/alpha"));
        assertEquals("alpha", UriGlob.shortName("scratch.ns/spawnpoint/alpha", "scratch.ns/spawnpoint/alpha"),
                "the spawnpoint itself: its last element");
        assertEquals("alpha", UriGlob.shortName("x.ns/y", "scratch.ns/spawnpoint/alpha"));
    }
}
