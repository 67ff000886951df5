package org.spawnpoint.spawnclient.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pattern for spawnpoint URIs and service names, as {@code spawnctl tail} takes them.
 *
 * <p>Rules (shell-like, per URI element, so that a pattern never reaches across a {@code /}):
 * <ul>
 *   <li>{@code *} matches any run of characters within one element, {@code ?} exactly one character;</li>
 *   <li>an element that is exactly {@code **} matches any number of elements, none included (at most one per
 *       pattern, as BOSSWAVE allows one {@code *});</li>
 *   <li>everything else matches itself; the namespace (first element) must be literal, since BOSSWAVE needs one.</li>
 * </ul>
 * So {@code scratch.ns/spawnpoint/*} is every spawnpoint directly under {@code scratch.ns/spawnpoint},
 * {@code scratch.ns/**} every spawnpoint of the namespace, and {@code web*} every service whose name starts with
 * {@code web}. The router does the coarse filtering: {@link #bosswavePattern()} turns each globbed element into
 * {@code +} (one element) and {@code **} into {@code *}; {@link #matches} then checks the element globs.
 */
public final class UriGlob {
    private final String text;
    private final List<String> elements;
    /** One regex per element, null for {@code **}. */
    private final List<Pattern> regexes;

    private UriGlob(String text, List<String> elements) {
        this.text = text;
        this.elements = elements;
        this.regexes = elements.stream().map(e -> e.equals("**") ? null : elementRegex(e)).toList();
    }

    /** Whether {@code s} holds a glob character ({@code *} or {@code ?}). */
    public static boolean isPattern(String s) {
        return s != null && (s.indexOf('*') >= 0 || s.indexOf('?') >= 0);
    }

    /**
     * A spawnpoint URI pattern; one trailing {@code /} is removed.
     *
     * @throws IllegalArgumentException saying what is wrong: an empty element, a globbed namespace, two {@code **}
     */
    public static UriGlob uri(String pattern) {
        String p = pattern == null ? "" : SpawnUris.base(pattern.strip());
        if (p.isEmpty()) {
            throw new IllegalArgumentException("expected a spawnpoint URI pattern such as scratch.ns/spawnpoint/*, got nothing");
        }
        List<String> parts = Arrays.asList(p.split("/", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("\"" + pattern + "\" has an empty path element (a double or leading /)");
        }
        if (isPattern(parts.get(0))) {
            throw new IllegalArgumentException("\"" + pattern + "\": the namespace (the first element) cannot be a "
                    + "pattern; BOSSWAVE subscribes within one namespace");
        }
        if (parts.size() < 2) {
            throw new IllegalArgumentException("\"" + pattern + "\" names only a namespace; expected namespace/path, "
                    + "e.g. " + p + "/spawnpoint/* or " + p + "/**");
        }
        if (parts.stream().filter("**"::equals).count() > 1) {
            throw new IllegalArgumentException("\"" + pattern + "\" has ** more than once; BOSSWAVE allows one");
        }
        return new UriGlob(p, List.copyOf(parts));
    }

    /** A service name pattern ({@code *} and {@code ?}; no {@code /}). */
    public static UriGlob name(String pattern) {
        String p = pattern == null ? "" : pattern.strip();
        if (p.isEmpty() || p.contains("/")) {
            throw new IllegalArgumentException("expected a service name or pattern such as web*, got \"" + pattern + "\"");
        }
        return new UriGlob(p, List.of(p));
    }

    /** The pattern as given (trailing {@code /} removed). */
    public String text() {
        return text;
    }

    /** Whether the pattern has no glob at all (it names one spawnpoint or one service). */
    public boolean isLiteral() {
        return !isPattern(text);
    }

    /** Whether {@code value} (a spawnpoint URI, or a service name for a name pattern) matches. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        List<String> parts = Arrays.asList(SpawnUris.base(value).split("/", -1));
        return match(0, parts, 0);
    }

    private boolean match(int pi, List<String> parts, int vi) {
        if (pi == regexes.size()) {
            return vi == parts.size();
        }
        Pattern r = regexes.get(pi);
        if (r == null) {
            for (int skip = vi; skip <= parts.size(); skip++) {
                if (match(pi + 1, parts, skip)) {
                    return true;
                }
            }
            return false;
        }
        return vi < parts.size() && r.matcher(parts.get(vi)).matches() && match(pi + 1, parts, vi + 1);
    }

    /**
     * The BOSSWAVE form of a URI pattern, to subscribe or query with: globbed elements become {@code +},
     * {@code **} becomes {@code *}. It matches a superset of this pattern.
     */
    public String bosswavePattern() {
        List<String> out = new ArrayList<>();
        for (String e : elements) {
            out.add(e.equals("**") ? "*" : isPattern(e) ? "+" : e);
        }
        return String.join("/", out);
    }

    /**
     * The literal elements before the first glob ({@code scratch.ns/spawnpoint} for {@code scratch.ns/spawnpoint/*});
     * the whole URI when there is no glob.
     */
    public String literalPrefix() {
        List<String> out = new ArrayList<>();
        for (String e : elements) {
            if (isPattern(e)) {
                break;
            }
            out.add(e);
        }
        return String.join("/", out);
    }

    /**
     * A short name for a spawnpoint a pattern (or a prefix) matched: its URI after {@code prefix}, or its last
     * element when that leaves nothing. Unique among the spawnpoints under the prefix, unlike aliases.
     */
    public static String shortName(String prefix, String spawnpointUri) {
        String p = SpawnUris.base(prefix);
        if (p.endsWith("/*")) {
            p = p.substring(0, p.length() - 2);
        }
        if (spawnpointUri.startsWith(p + "/") && spawnpointUri.length() > p.length() + 1) {
            return spawnpointUri.substring(p.length() + 1);
        }
        return SpawnUris.lastElement(spawnpointUri);
    }

    private static Pattern elementRegex(String glob) {
        StringBuilder sb = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    sb.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                sb.append(c == '*' ? "[^/]*" : "[^/]");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            sb.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(sb.toString());
    }

    @Override
    public String toString() {
        return text;
    }
}
