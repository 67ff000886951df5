package org.spawnpoint.spawnable;

/**
 * Removes {@code /* ... *&#47;} comments from a parameter file before it is parsed as YAML.
 *
 * <p>The Go spawnable stripped them everywhere, even inside quoted strings, and silently dropped the rest of the file
 * after an unterminated comment. Here comments nest as in Go, but they are left alone inside YAML quoted scalars
 * ({@code '...'}, {@code "..."}, which may span lines) and inside {@code #} comments; in block scalars
 * ({@code |}, {@code >}) they are still stripped, as in Go, but quotes there are plain text. An unterminated
 * {@code /*} or a stray {@code *&#47;} is an error with its position. Newlines inside comments are kept, so the
 * YAML parser's line numbers still match the file.
 *
 * <p>A quote only opens a quoted scalar where YAML starts a node: at the start of a line, after a {@code key: }, a
 * sequence or mapping indicator ({@code - }, {@code ? }), a tag or anchor, or inside a flow collection after
 * {@code [ { , :}. An apostrophe inside a plain scalar ({@code it's}) is text.
 */
final class CommentStripper {

    /** A comment syntax error at a 1-based position of the input. */
    static final class CommentSyntaxException extends Exception {
        final int line;
        final int column;

        CommentSyntaxException(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    private final String in;
    private final StringBuilder out;

    private int line = 1;
    private int column = 1;

    private int depth;
    private int commentLine;
    private int commentColumn;

    private char quote;
    private int flowDepth;
    private boolean inHashComment;
    private int hashStart;

    private int lineStart;
    private boolean lineDecided;
    private boolean lineIsBlockContent;
    /** Indentation that block-scalar content must exceed, or -1 when not in a block scalar. */
    private int blockParentIndent = -1;

    private CommentStripper(String in) {
        this.in = in;
        this.out = new StringBuilder(in.length());
    }

    static String strip(String text) throws CommentSyntaxException {
        return new CommentStripper(text).run();
    }

    private String run() throws CommentSyntaxException {
        int n = in.length();
        for (int i = 0; i < n; i++) {
            char c = in.charAt(i);
            char next = i + 1 < n ? in.charAt(i + 1) : 0;
            if (c == '\n') {
                endLine();
                out.append('\n');
                line++;
                column = 1;
                continue;
            }
            int consumed = step(c, next);
            i += consumed - 1;
            column += consumed;
        }
        if (depth > 0) {
            throw new CommentSyntaxException("unterminated /* comment (a literal /* in a value, such as a BOSSWAVE"
                    + " wildcard, must be inside quotes)", commentLine, commentColumn);
        }
        return out.toString();
    }

    /** Handles one character (or a two-character comment marker); returns how many input characters it used. */
    private int step(char c, char next) throws CommentSyntaxException {
        if (inHashComment) {
            out.append(c);
            return 1;
        }
        if (depth > 0) {
            if (c == '/' && next == '*') {
                depth++;
                return 2;
            }
            if (c == '*' && next == '/') {
                depth--;
                return 2;
            }
            return 1;
        }
        if (quote != 0) {
            return inQuote(c, next);
        }
        if (c == '/' && next == '*') {
            depth = 1;
            commentLine = line;
            commentColumn = column;
            return 2;
        }
        if (c == '*' && next == '/') {
            throw new CommentSyntaxException("*/ without a matching /* (quote the value if it is meant literally)",
                    line, column);
        }
        if (!lineDecided && c != ' ' && c != '\t' && c != '\r') {
            decideLine();
        }
        if (lineIsBlockContent) {
            out.append(c);
            return 1;
        }
        if (c == '#' && (out.length() == lineStart || isBlank(out.charAt(out.length() - 1)))) {
            inHashComment = true;
            hashStart = out.length();
        } else if ((c == '"' || c == '\'') && nodeMayStartHere()) {
            quote = c;
        } else if ((c == '[' || c == '{') && nodeMayStartHere()) {
            flowDepth++;
        } else if ((c == ']' || c == '}') && flowDepth > 0) {
            flowDepth--;
        }
        out.append(c);
        return 1;
    }

    private int inQuote(char c, char next) {
        out.append(c);
        if (quote == '"') {
            if (c == '\\' && next != 0 && next != '\n') {
                out.append(next);
                return 2;
            }
            if (c == '"') {
                quote = 0;
            }
        } else if (c == '\'') {
            if (next == '\'') {
                out.append(next);
                return 2;
            }
            quote = 0;
        }
        return 1;
    }

    /** At the first visible character of a line: is it block-scalar content or an ordinary line? */
    private void decideLine() {
        lineDecided = true;
        int indent = out.length() - lineStart;
        if (blockParentIndent >= 0 && indent > blockParentIndent) {
            lineIsBlockContent = true;
        } else {
            blockParentIndent = -1;
        }
    }

    private void endLine() {
        if (depth == 0 && quote == 0 && !lineIsBlockContent) {
            int end = inHashComment ? hashStart : out.length();
            int indicatorParent = blockIndicatorParent(out.substring(lineStart, end));
            if (indicatorParent >= 0) {
                blockParentIndent = indicatorParent;
            }
        }
        inHashComment = false;
        lineStart = out.length() + 1;
        // A quoted scalar that goes on to the next line is not a new line for YAML's purposes. Text after a comment
        // that spans lines is: the comment's newlines are kept.
        lineDecided = quote != 0;
        lineIsBlockContent = false;
    }

    /**
     * If the line ends with a block scalar indicator ({@code key: |}, {@code - >-}, ...), the indentation its content
     * must exceed; otherwise -1.
     */
    static int blockIndicatorParent(String lineText) {
        String text = stripTrailingBlanks(lineText);
        int tokenStart = text.length();
        while (tokenStart > 0 && !isBlank(text.charAt(tokenStart - 1))) {
            tokenStart--;
        }
        if (!text.substring(tokenStart).matches("[|>]([1-9][+-]?|[+-][1-9]?)?")) {
            return -1;
        }
        String before = stripTrailingBlanks(text.substring(0, tokenStart));
        int indent = 0;
        while (indent < text.length() && text.charAt(indent) == ' ') {
            indent++;
        }
        int pos = indent;
        int lastIndicator = -1;
        while (pos + 1 < text.length() && (text.charAt(pos) == '-' || text.charAt(pos) == '?')
                && isBlank(text.charAt(pos + 1))) {
            lastIndicator = pos;
            pos++;
            while (pos < text.length() && isBlank(text.charAt(pos))) {
                pos++;
            }
        }
        if (before.length() <= pos) {
            // "- |" or a bare "|": the parent is the sequence entry (or the line's own indentation).
            return lastIndicator >= 0 ? lastIndicator : (before.isEmpty() ? -1 : indent);
        }
        String lastToken = before.substring(lastTokenStart(before));
        boolean afterKey = before.endsWith(":") || lastToken.startsWith("!") || lastToken.startsWith("&");
        return afterKey ? pos : -1;
    }

    /** True when a quote or flow bracket at the current output position would start a YAML node. */
    private boolean nodeMayStartHere() {
        int j = out.length() - 1;
        if (j < lineStart) {
            return true;
        }
        char p = out.charAt(j);
        if (flowDepth > 0 && (p == '[' || p == '{' || p == ',' || p == ':')) {
            return true;
        }
        if (!isBlank(p)) {
            return false;
        }
        String before = stripTrailingBlanks(out.substring(lineStart));
        if (before.isEmpty()) {
            return true;
        }
        String token = before.substring(lastTokenStart(before));
        if (token.endsWith(":") || token.startsWith("!") || token.startsWith("&")) {
            return true;
        }
        if (flowDepth > 0 && (token.endsWith(",") || token.endsWith("[") || token.endsWith("{"))) {
            return true;
        }
        if (token.equals("-") || token.equals("?")) {
            // Only an indicator when everything before it on the line is indentation or other indicators.
            return before.substring(0, before.length() - 1).chars().allMatch(ch -> ch == ' ' || ch == '-' || ch == '?');
        }
        return false;
    }

    private static int lastTokenStart(String s) {
        int k = s.length();
        while (k > 0 && !isBlank(s.charAt(k - 1))) {
            k--;
        }
        return k;
    }

    private static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (isBlank(s.charAt(end - 1)) || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(0, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
