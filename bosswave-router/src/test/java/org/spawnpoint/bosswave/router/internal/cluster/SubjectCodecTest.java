package org.spawnpoint.bosswave.router.internal.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SubjectCodecTest {
    /** What a NATS token and a JetStream KV key token may hold, the stricter of the two. */
    private static final Pattern SAFE_TOKEN = Pattern.compile("[-_=A-Za-z0-9]+");
    private static final String NS = "ab-_CDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn0=";

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a.b", "..", ".", " ", "a b", "*", ">", "+", "!meta", "(x),$", "=", "==", "=41",
        "~", "\t", "\n", "é", "日本", "\u0000", "a/b", "-_-", "A.B.C", "%2E", "\uD83D\uDE00"})
    void everyElementRoundTripsAsASafeToken(String element) {
        String t = SubjectCodec.encode(element);
        assertTrue(SAFE_TOKEN.matcher(t).matches(), element + " -> " + t);
        assertEquals(element, SubjectCodec.decode(t));
    }

    @Test
    void theEmptyElementIsALoneEquals() {
        assertEquals("=", SubjectCodec.encode(""));
        assertEquals("", SubjectCodec.decode("="));
    }

    @Test
    void knownEncodings() {
        assertEquals("a=2Eb", SubjectCodec.encode("a.b"));
        assertEquals("=21meta", SubjectCodec.encode("!meta"));
        assertEquals("=28x=29=2C=24", SubjectCodec.encode("(x),$"));
        assertEquals("abc=3D", SubjectCodec.encode("abc="));
        assertEquals("=C3=A9", SubjectCodec.encode("é"));
    }

    @Test
    void randomElementsRoundTripAndDistinctElementsStayDistinct() {
        Random r = new Random(15);
        java.util.Map<String, String> seen = new java.util.HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int len = r.nextInt(12);
            for (int k = 0; k < len; k++) {
                b.appendCodePoint(r.nextInt(4) == 0 ? 0x20 + r.nextInt(0x60) : r.nextInt(0x3000));
            }
            String e = b.toString();
            if (!e.codePoints().allMatch(Character::isDefined)) {
                continue;
            }
            String t = SubjectCodec.encode(e);
            assertTrue(SAFE_TOKEN.matcher(t).matches(), e + " -> " + t);
            assertEquals(e, SubjectCodec.decode(t));
            String before = seen.put(t, e);
            assertTrue(before == null || before.equals(e), "two elements share the token " + t);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a.b", "a*", ">", "a b", "=", "=4", "=4G", "=zz", "=2e", "=41", "a=", "=FF", "=C3",
        "é", "a~b"})
    void tokensTheCodecDoesNotMakeAreRefused(String token) {
        if (token.equals("=")) {
            assertEquals("", SubjectCodec.decode(token)); // the one short form: the empty element
            return;
        }
        assertThrows(IllegalArgumentException.class, () -> SubjectCodec.decode(token), token);
    }

    @Test
    void publishSubjectsHaveOneTokenPerElement() {
        String s = SubjectCodec.publishSubject(NS, new String[] {"a.b", "c", "!meta"});
        assertEquals("bw2.m.ab-_CDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn0=3D.a=2Eb.c.=21meta", s);
        List<String> back = SubjectCodec.decodeTokens(s, 2);
        assertEquals(List.of(NS, "a.b", "c", "!meta"), back);
    }

    @Test
    void subscriptionWildcardsMapToNatsWildcardsOrAWiderSubject() {
        String n = "bw2.m." + SubjectCodec.encode(NS);
        assertEquals(n + ".a.*.c", SubjectCodec.subscribeSubject(NS, new String[] {"a", "+", "c"}));
        assertEquals(n + ".a.>", SubjectCodec.subscribeSubject(NS, new String[] {"a", "*"}),
                "a trailing star needs one element or more, as NATS's >");
        assertEquals(n + ".a.>", SubjectCodec.subscribeSubject(NS, new String[] {"a", "*", "z"}),
                "a star in the middle: wider, the router's matcher filters");
        assertEquals(n + ".>", SubjectCodec.subscribeSubject(NS, new String[] {"*", "z"}));
        assertEquals(n + ".*.a=2Eb", SubjectCodec.subscribeSubject(NS, new String[] {"+", "a.b"}));
        assertFalse(SubjectCodec.subscribeSubject(NS, new String[] {"a.b"}).contains("a.b"));
    }

    @Test
    void keysAreValidJetStreamKvKeys() {
        String k = SubjectCodec.key(NS, new String[] {"s.spawnpoint", "server", "i.spawnpoint", "!meta", "x y"});
        assertTrue(Pattern.compile("[-/_=.A-Za-z0-9]+").matcher(k).matches(), k);
        assertEquals(6, k.split("\\.").length);
    }
}
