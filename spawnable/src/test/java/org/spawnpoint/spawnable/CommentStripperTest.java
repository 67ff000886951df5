package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CommentStripperTest {

    private static String strip(String s) throws CommentStripper.CommentSyntaxException {
        return CommentStripper.strip(s);
    }

    @Test
    void textWithoutCommentsIsUnchanged() throws Exception {
        String yaml = "a: 1\nb: [x, y]\nc: {k: v}\nd: 'q'\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void trailingAndWholeLineCommentsAreRemoved() throws Exception {
        assertEquals("a: 1 \n\nb: 2\n", strip("a: 1 /* one */\n/* whole line */\nb: 2\n"));
    }

    @Test
    void multiLineCommentKeepsItsNewlinesSoLineNumbersStay() throws Exception {
        String out = strip("a: 1\n/* first\n   second\n   third */\nb: 2\n");
        assertEquals("a: 1\n\n\n\nb: 2\n", out);
    }

    @Test
    void commentsNestAsInGo() throws Exception {
        assertEquals("a: 1 \nb: 2", strip("a: 1 /* outer /* inner */ still outer */\nb: 2"));
    }

    @Test
    void commentMarkersInsideDoubleQuotedStringsAreKept() throws Exception {
        String yaml = "a: \"x /* not a comment */ y\"\nb: \"esc \\\" /* still */ in\"\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void commentMarkersInsideSingleQuotedStringsAreKeptIncludingDoubledQuotes() throws Exception {
        String yaml = "a: 'it''s /* kept */ here'\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void quotedStringsMaySpanLines() throws Exception {
        String yaml = "a: \"first /* kept\n  second */ kept\"\nb: 1 /* gone */\n";
        assertEquals("a: \"first /* kept\n  second */ kept\"\nb: 1 \n", strip(yaml));
    }

    @Test
    void apostropheInsidePlainScalarDoesNotOpenAString() throws Exception {
        assertEquals("greeting: it's fine \nb: 2\n", strip("greeting: it's fine /* c */\nb: 2\n"));
        assertEquals("msg: say \"hi\" \n", strip("msg: say \"hi\" /* c */\n"));
    }

    @Test
    void quotesInSequencesFlowsKeysTagsAndAnchorsAreStrings() throws Exception {
        String yaml = "- 'a /* x */'\n"
                + "list: ['b /* x */', \"c /* x */\"]\n"
                + "map: {\"k\":\"v /* x */\", 'k2': 'w /* x */'}\n"
                + "\"key /* x */\": v\n"
                + "t: !!str 'd /* x */'\n"
                + "r: &anchor 'e /* x */'\n"
                + "? 'complex /* x */'\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void hashCommentsAreLeftAloneAndCannotOpenABlockComment() throws Exception {
        String yaml = "a: 1 # see /* here, it's not\nb: 2 # and */ this\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void hashWithoutPrecedingBlankIsPartOfTheScalar() throws Exception {
        assertEquals("a: b#\n", strip("a: b#/* c */\n"));
    }

    @Test
    void blockScalarsTreatQuotesAsTextButStillLoseComments() throws Exception {
        String yaml = "text: |\n"
                + "  it's \"open\n"
                + "  /* gone */kept\n"
                + "\n"
                + "b: \"x /* y */\"\n"
                + "seq:\n"
                + "  - >-\n"
                + "    don't /* gone */\n"
                + "  - 'z /* kept */'\n";
        String expected = "text: |\n"
                + "  it's \"open\n"
                + "  kept\n"
                + "\n"
                + "b: \"x /* y */\"\n"
                + "seq:\n"
                + "  - >-\n"
                + "    don't \n"
                + "  - 'z /* kept */'\n";
        assertEquals(expected, strip(yaml));
    }

    @Test
    void unterminatedCommentIsReportedWhereItOpens() {
        var e = assertThrows(CommentStripper.CommentSyntaxException.class,
                () -> strip("a: 1\nb: 2 /* never\nclosed\n"));
        assertEquals(2, e.line);
        assertEquals(6, e.column);
        assertTrue(e.getMessage().startsWith("unterminated /* comment"), e.getMessage());
    }

    @Test
    void unquotedWildcardUriIsAnUnterminatedCommentNotSilentLoss() {
        var e = assertThrows(CommentStripper.CommentSyntaxException.class,
                () -> strip("svc_base_uri: scratch.ns/a/*/b\ngreeting: hi\n"));
        assertEquals(1, e.line);
        assertEquals(27, e.column);
        assertTrue(e.getMessage().contains("must be inside quotes"), e.getMessage());
    }

    @Test
    void quotedWildcardUriIsKept() throws Exception {
        String yaml = "pattern: \"scratch.ns/a/*/b\"\n";
        assertEquals(yaml, strip(yaml));
    }

    @Test
    void strayCloseIsReportedWithItsPosition() {
        var e = assertThrows(CommentStripper.CommentSyntaxException.class, () -> strip("a: 1\n  b: x */\n"));
        assertEquals(2, e.line);
        assertEquals(8, e.column);
        assertTrue(e.getMessage().startsWith("*/ without a matching /*"), e.getMessage());
    }

    @Test
    void fileEndingInSlashOrStarIsFine() throws Exception {
        // The Go code read past the end here and reported "Malformed YAML file".
        assertEquals("a: /", strip("a: /"));
        assertEquals("a: x*", strip("a: x*"));
        assertEquals("", strip(""));
    }

    @Test
    void crlfLineEndingsWork() throws Exception {
        assertEquals("a: 1 \r\nb: 'x /* y */'\r\n", strip("a: 1 /* c */\r\nb: 'x /* y */'\r\n"));
    }

    @Test
    void commentBetweenKeyAndValue() throws Exception {
        assertEquals("a:  'v /* k */'\n", strip("a: /* c */ 'v /* k */'\n"));
    }

    @Test
    void blockIndicatorParentIndentation() {
        assertEquals(0, CommentStripper.blockIndicatorParent("key: |"));
        assertEquals(2, CommentStripper.blockIndicatorParent("  key: >-"));
        assertEquals(0, CommentStripper.blockIndicatorParent("- |"));
        assertEquals(2, CommentStripper.blockIndicatorParent("- key: |2"));
        assertEquals(0, CommentStripper.blockIndicatorParent("key: !!str |"));
        assertEquals(-1, CommentStripper.blockIndicatorParent("key: a |"));
        assertEquals(-1, CommentStripper.blockIndicatorParent("key: value"));
        assertEquals(-1, CommentStripper.blockIndicatorParent("key: |x"));
    }
}
