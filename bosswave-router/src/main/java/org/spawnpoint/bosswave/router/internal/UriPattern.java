package org.spawnpoint.bosswave.router.internal;

import java.util.Arrays;

/**
 * A validated URI suffix (bosswave-oob.md §4): elements of {@code [A-Za-z0-9-_,().$]}, one element per URI may start
 * with {@code !}, {@code +} matches one element, a single {@code *} matches zero or more, except that a trailing
 * {@code *} in a <em>subscription</em> needs at least one element (the bw2 terminus tree) while a query accepts zero.
 */
public final class UriPattern {
    private final String suffix;
    private final String[] elems;
    private final boolean hasPlus;
    private final boolean hasStar;

    private UriPattern(String suffix, String[] elems, boolean hasPlus, boolean hasStar) {
        this.suffix = suffix;
        this.elems = elems;
        this.hasPlus = hasPlus;
        this.hasStar = hasStar;
    }

    /** Parses a suffix; IllegalArgumentException names the offending element and the rule it breaks. */
    public static UriPattern parse(String suffix) {
        if (suffix.isEmpty()) {
            throw new IllegalArgumentException("the suffix is empty");
        }
        String[] elems = suffix.split("/", -1);
        boolean plus = false;
        boolean star = false;
        boolean bang = false;
        for (int i = 0; i < elems.length; i++) {
            String e = elems[i];
            if (e.isEmpty()) {
                throw new IllegalArgumentException("element " + (i + 1) + " is empty (no leading, trailing or double '/')");
            }
            if (e.equals("+")) {
                plus = true;
                continue;
            }
            if (e.equals("*")) {
                if (star) {
                    throw new IllegalArgumentException("more than one '*' element");
                }
                star = true;
                continue;
            }
            int start = 0;
            if (e.charAt(0) == '!') {
                if (bang) {
                    throw new IllegalArgumentException("more than one element starts with '!'");
                }
                if (e.length() == 1) {
                    throw new IllegalArgumentException("element " + (i + 1) + " is a lone '!'");
                }
                bang = true;
                start = 1;
            }
            for (int k = start; k < e.length(); k++) {
                char c = e.charAt(k);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '-' || c == '_' || c == ',' || c == '(' || c == ')' || c == '.' || c == '$';
                if (!ok) {
                    throw new IllegalArgumentException("element " + (i + 1) + " '" + e + "' has the invalid character '"
                            + c + "' (allowed: A-Z a-z 0-9 - _ , ( ) . $, '+' or '*' alone)");
                }
            }
        }
        return new UriPattern(suffix, elems, plus, star);
    }

    public String suffix() {
        return suffix;
    }

    /** The elements; shared, do not modify. */
    public String[] elems() {
        return elems;
    }

    public boolean hasWildcard() {
        return hasPlus || hasStar;
    }

    public boolean hasPlus() {
        return hasPlus;
    }

    public boolean hasStar() {
        return hasStar;
    }

    /** Subscription rule: does a publish on {@code uri} (no wildcards) reach this pattern? */
    public boolean matchesPublished(String[] uri) {
        return match(0, uri, 0, true);
    }

    /** Query rule: does the retained message at {@code uri} match? (a trailing '*' may match nothing) */
    public boolean matchesRetained(String[] uri) {
        return match(0, uri, 0, false);
    }

    private boolean match(int i, String[] u, int j, boolean trailingStarNeedsOne) {
        if (i == elems.length) {
            return j == u.length;
        }
        String e = elems[i];
        if (e.equals("*")) {
            if (i == elems.length - 1) {
                return !trailingStarNeedsOne || j < u.length;
            }
            for (int k = j; k <= u.length; k++) {
                if (match(i + 1, u, k, trailingStarNeedsOne)) {
                    return true;
                }
            }
            return false;
        }
        if (j == u.length) {
            return false;
        }
        return (e.equals("+") || e.equals(u[j])) && match(i + 1, u, j + 1, trailingStarNeedsOne);
    }

    /**
     * Grant rule: does this (DOT) pattern cover every URI that {@code request} can name? A request broader than the
     * grant is not covered, so a wildcard subscription never reaches further than its DOTs allow.
     */
    public boolean covers(UriPattern request) {
        return covers(0, request.elems, 0);
    }

    private boolean covers(int i, String[] r, int j) {
        if (i == elems.length) {
            return j == r.length;
        }
        String d = elems[i];
        if (d.equals("*")) {
            if (i == elems.length - 1) {
                return true;
            }
            for (int k = j; k <= r.length; k++) {
                if (covers(i + 1, r, k)) {
                    return true;
                }
            }
            return false;
        }
        if (j == r.length) {
            return false;
        }
        String q = r[j];
        if (q.equals("*")) {
            return false;
        }
        if (q.equals("+")) {
            return d.equals("+") && covers(i + 1, r, j + 1);
        }
        return (d.equals("+") || d.equals(q)) && covers(i + 1, r, j + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UriPattern p && Arrays.equals(p.elems, elems);
    }

    @Override
    public int hashCode() {
        return suffix.hashCode();
    }

    @Override
    public String toString() {
        return suffix;
    }
}
