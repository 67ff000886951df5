package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionTableTest {
    private record Entry(String ns, UriPattern p) {
    }

    private static List<Entry> match(SubscriptionTable<Entry> t, String ns, String uri) {
        List<Entry> out = new ArrayList<>();
        t.match(ns, uri.split("/"), out);
        return out;
    }

    @Test
    void matchesLikeThePatternRuleAndRemoves() {
        SubscriptionTable<Entry> t = new SubscriptionTable<>();
        Entry a = new Entry("ns", UriPattern.parse("a/*"));
        Entry b = new Entry("ns", UriPattern.parse("a/*/b"));
        Entry c = new Entry("other", UriPattern.parse("a/b"));
        for (Entry e : List.of(a, b, c)) {
            t.add(e.ns, e.p, e);
        }
        assertEquals(List.of(), match(t, "ns", "a"));
        assertEquals(List.of(), match(t, "ns", "b"));
        assertEquals(Set.of(a, b), new HashSet<>(match(t, "ns", "a/b")));
        assertEquals(List.of(c), match(t, "other", "a/b"));
        assertTrue(t.remove("ns", a.p, a));
        assertFalse(t.remove("ns", a.p, a));
        assertEquals(List.of(b), match(t, "ns", "a/b"));
        assertEquals(2, t.size());
    }

    /** The trie must agree with UriPattern.matchesPublished on random patterns and URIs, each match exactly once. */
    @Test
    void agreesWithBruteForceOnRandomPatterns() {
        Random rnd = new Random(42);
        String[] alphabet = {"a", "b", "c"};
        SubscriptionTable<Entry> t = new SubscriptionTable<>();
        List<Entry> all = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            int n = 1 + rnd.nextInt(4);
            StringBuilder sb = new StringBuilder();
            boolean star = false;
            for (int k = 0; k < n; k++) {
                int r = rnd.nextInt(6);
                String el = r < 3 ? alphabet[r] : r == 3 || star ? "+" : "*";
                star |= el.equals("*");
                sb.append(k == 0 ? "" : "/").append(el);
            }
            Entry e = new Entry("ns", UriPattern.parse(sb.toString()));
            all.add(e);
            t.add("ns", e.p, e);
        }
        for (int i = 0; i < 500; i++) {
            int n = 1 + rnd.nextInt(5);
            String[] uri = new String[n];
            for (int k = 0; k < n; k++) {
                uri[k] = alphabet[rnd.nextInt(3)];
            }
            List<Entry> got = new ArrayList<>();
            t.match("ns", uri, got);
            List<Entry> want = all.stream().filter(e -> e.p.matchesPublished(uri)).toList();
            assertEquals(want.size(), got.size(), String.join("/", uri));
            assertEquals(new HashSet<>(want), new HashSet<>(got));
        }
        for (Entry e : all) {
            assertTrue(t.remove("ns", e.p, e));
        }
        assertEquals(0, t.size());
    }
}
