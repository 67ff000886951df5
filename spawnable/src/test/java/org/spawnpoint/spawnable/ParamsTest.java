package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsTest {

    private static final String YAML = """
            /* parameters of the hello service */
            svc_base_uri: scratch.ns/services/   /* trailing slash is trimmed where used */
            greeting: "Hello /* not a comment */ world"
            count: 3
            big: 9999999999
            ratio: 0.5
            enabled: yes
            disabled: false
            port: "8080"
            hosts: [a, b, 'c /* kept */']
            mixed: [a, 5, b]
            nothing:
            day: 2016-09-21
            octal: 010
            """;

    private final Params p = Spawnable.parseParams(YAML, "params.yml");

    @Test
    void typedGettersReadValues() {
        assertEquals("scratch.ns/services/", p.requireString("svc_base_uri"));
        assertEquals("Hello /* not a comment */ world", p.requireString("greeting"));
        assertEquals(3, p.requireInt("count"));
        assertEquals(9999999999L, p.requireLong("big"));
        assertEquals(3L, p.requireLong("count"));
        assertEquals(0.5, p.requireDouble("ratio"));
        assertEquals(3.0, p.requireDouble("count"));
        assertTrue(p.requireBool("enabled"));
        assertFalse(p.requireBool("disabled"));
        assertEquals(List.of("a", "b", "c /* kept */"), p.requireStringList("hosts"));
        assertEquals(8, p.requireInt("octal"), "YAML 1.1 octal, as Go's yaml.v2 reads it");
    }

    @Test
    void datesStayTheTextTheAuthorWrote() {
        assertEquals("2016-09-21", p.requireString("day"));
    }

    @Test
    void defaultsApplyOnlyWhenAbsentOrEmpty() {
        assertEquals("dflt", p.getString("absent", "dflt"));
        assertEquals("dflt", p.getString("nothing", "dflt"));
        assertEquals(7, p.getInt("absent", 7));
        assertEquals(3, p.getInt("count", 7));
        assertEquals(1L, p.getLong("absent", 1L));
        assertEquals(2.5, p.getDouble("absent", 2.5));
        assertTrue(p.getBool("absent", true));
        assertFalse(p.getBool("disabled", true));
        assertEquals(List.of("z"), p.getStringList("absent", List.of("z")));
        assertEquals(List.of("a", "b", "c /* kept */"), p.getStringList("hosts", List.of()));
    }

    @Test
    void aPresentValueOfTheWrongTypeIsAnErrorEvenWithADefault() {
        var e = assertThrows(ParamsException.class, () -> p.getInt("port", 80));
        assertEquals("Parameter 'port' in params.yml should be an integer, but it is the string \"8080\"",
                e.getMessage());
        assertEquals("params.yml", e.source());
    }

    @Test
    void missingParameterNamesKeyFileAndExpectation() {
        var e = assertThrows(ParamsException.class, () -> p.requireString("interval"));
        assertEquals("Missing parameter 'interval' in params.yml: expected a string", e.getMessage());
        assertEquals("Missing parameter 'x' in params.yml: expected an integer",
                assertThrows(ParamsException.class, () -> p.requireInt("x")).getMessage());
        assertEquals("Missing parameter 'x' in params.yml: expected a boolean (true or false)",
                assertThrows(ParamsException.class, () -> p.requireBool("x")).getMessage());
        assertEquals("Missing parameter 'x' in params.yml: expected a list of strings",
                assertThrows(ParamsException.class, () -> p.requireStringList("x")).getMessage());
    }

    @Test
    void emptyValueIsReportedAsSuch() {
        var e = assertThrows(ParamsException.class, () -> p.requireString("nothing"));
        assertEquals("Parameter 'nothing' in params.yml has no value: expected a string", e.getMessage());
    }

    @Test
    void wrongTypesSayWhatTheValueIs() {
        assertEquals("Parameter 'count' in params.yml should be a string, but it is the integer 3 (put it in quotes"
                        + " to use it as text)",
                assertThrows(ParamsException.class, () -> p.requireString("count")).getMessage());
        assertEquals("Parameter 'hosts' in params.yml should be a string, but it is a list of 3 elements",
                assertThrows(ParamsException.class, () -> p.requireString("hosts")).getMessage());
        assertEquals("Parameter 'greeting' in params.yml should be a boolean (true or false), but it is the string"
                        + " \"Hello /* not a comment */ world\"",
                assertThrows(ParamsException.class, () -> p.requireBool("greeting")).getMessage());
        assertEquals("Parameter 'ratio' in params.yml should be an integer, but it is the number 0.5",
                assertThrows(ParamsException.class, () -> p.requireInt("ratio")).getMessage());
        assertEquals("Parameter 'enabled' in params.yml should be a number, but it is the boolean true",
                assertThrows(ParamsException.class, () -> p.requireDouble("enabled")).getMessage());
    }

    @Test
    void intOutOfRangeIsAnError() {
        var e = assertThrows(ParamsException.class, () -> p.requireInt("big"));
        assertEquals("Parameter 'big' in params.yml should be an integer between -2147483648 and 2147483647, but it"
                + " is the integer 9999999999", e.getMessage());
    }

    @Test
    void listWithANonStringElementNamesTheElement() {
        var e = assertThrows(ParamsException.class, () -> p.requireStringList("mixed"));
        assertEquals("Parameter 'mixed' in params.yml should be a list of strings, but it is a list whose element 1"
                + " (counting from 0) is the integer 5", e.getMessage());
        assertThrows(ParamsException.class, () -> p.getStringList("greeting", List.of()));
    }

    @Test
    void rawAccessAndKeys() {
        assertTrue(p.has("nothing"));
        assertTrue(p.raw("nothing").isEmpty());
        assertFalse(p.has("absent"));
        assertEquals(3, p.raw("count").orElseThrow());
        assertTrue(p.keys().contains("svc_base_uri"));
        assertThrows(UnsupportedOperationException.class, () -> p.asMap().put("x", 1));
    }

    @Test
    void entityIsBase64UnderEntityx() {
        Params ok = Spawnable.parseParams("entityx: AQID\n", "e.yml");
        assertArrayEquals(new byte[] {1, 2, 3}, ok.requireEntity());
        Params bad = Spawnable.parseParams("entityx: '%%%'\n", "e.yml");
        var e = assertThrows(ParamsException.class, bad::requireEntity);
        assertTrue(e.getMessage().startsWith("Parameter 'entityx' in e.yml should be base64 text"), e.getMessage());
        assertEquals("Missing parameter 'entityx' in params.yml: expected a string",
                assertThrows(ParamsException.class, p::requireEntity).getMessage());
    }

    @Test
    void emptyOrCommentOnlyFileHasNoParameters() {
        assertTrue(Spawnable.parseParams("", "p.yml").keys().isEmpty());
        assertTrue(Spawnable.parseParams("/* nothing here */\n# nor here\n", "p.yml").keys().isEmpty());
    }

    @Test
    void topLevelMustBeAMapping() {
        var e = assertThrows(ParamsException.class, () -> Spawnable.parseParams("- a\n- b\n", "p.yml"));
        assertEquals("p.yml: should be a YAML mapping of parameter names to values, but it is a list of 2 elements",
                e.getMessage());
    }

    @Test
    void duplicateKeysAreRejectedNotSilentlyOverwritten() {
        var e = assertThrows(ParamsException.class, () -> Spawnable.parseParams("a: 1\na: 2\n", "p.yml"));
        assertTrue(e.getMessage().startsWith("p.yml: is not valid YAML: "), e.getMessage());
        assertTrue(e.getMessage().contains("duplicate key a"), e.getMessage());
    }

    @Test
    void yamlErrorsKeepTheirLineNumbersAfterMultiLineComments() {
        String text = "a: 1\n/* a\n long\n comment */\nb: [unclosed\n";
        var e = assertThrows(ParamsException.class, () -> Spawnable.parseParams(text, "p.yml"));
        assertTrue(e.getMessage().startsWith("p.yml: is not valid YAML: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
    }

    @Test
    void commentErrorsNameFileLineAndColumn() {
        var e = assertThrows(ParamsException.class,
                () -> Spawnable.parseParams("a: 1\nb: x/* open\n", "params.yml"));
        assertEquals("params.yml: line 2, column 5: unterminated /* comment (a literal /* in a value, such as a"
                + " BOSSWAVE wildcard, must be inside quotes)", e.getMessage());
    }

    @Test
    void numericKeysBecomeText() {
        Params q = Spawnable.parseParams("1: one\ntrue: yes\n", "p.yml");
        assertEquals("one", q.requireString("1"));
        assertTrue(q.requireBool("true"));
    }

    @Test
    void readsTheNamedFile(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("other.yml");
        Files.writeString(f, "/* header\n*/\ninterval: 5 /* seconds */\n");
        Params q = Spawnable.params(f);
        assertEquals(5, q.requireInt("interval"));
        assertEquals(f.toString(), q.source());
        assertEquals(5, Spawnable.params(f.toString()).requireInt("interval"));
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        Path f = dir.resolve("params.yml");
        var e = assertThrows(ParamsException.class, () -> Spawnable.params(f));
        assertTrue(e.getMessage().startsWith(f + ": no such file (working directory "), e.getMessage());
    }

    @Test
    void invalidUtf8IsReported(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("bin.yml");
        Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xff, (byte) 0xfe, '\n'});
        var e = assertThrows(ParamsException.class, () -> Spawnable.params(f));
        assertEquals(f + ": is not valid UTF-8 text", e.getMessage());
    }

    @Test
    void paramsOrExitPrintsGoStyleMessageAndExitsOne() {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(buf, true, StandardCharsets.UTF_8);
        List<Integer> exits = new ArrayList<>();
        assertThrows(ParamsException.class, () -> Spawnable.orExit(
                () -> Spawnable.parseParams("a: x */\n", "params.yml"), "params.yml", err, exits::add));
        assertEquals(List.of(1), exits);
        assertEquals("Could not read params.yml: line 1, column 6: */ without a matching /* (quote the value if it"
                + " is meant literally)" + System.lineSeparator(), buf.toString(StandardCharsets.UTF_8));
    }

    @Test
    void paramsOrExitReturnsTheParamsWhenFine() {
        List<Integer> exits = new ArrayList<>();
        Params q = Spawnable.orExit(() -> Spawnable.parseParams("a: 1\n", "x.yml"), "x.yml", System.err, exits::add);
        assertEquals(1, q.requireInt("a"));
        assertTrue(exits.isEmpty());
    }
}
