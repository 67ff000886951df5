package org.spawnpoint.bosswave.router.internal.cluster;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * BOSSWAVE URIs as NATS subjects and JetStream KV keys. Each URI element (the namespace first) becomes one token.
 *
 * <p>Encoding of an element: the characters {@code A-Z a-z 0-9 - _} stand for themselves; every other byte of the
 * element's UTF-8 form becomes {@code =} and two upper-case hex digits ({@code .} is {@code =2E}, {@code !meta} is
 * {@code =21meta}, a b64 namespace's padding {@code =} is {@code =3D}); an empty element is a lone {@code =}. The
 * result is a valid NATS token (never {@code .}, {@code *}, {@code >}, white space or empty) and a valid KV key token
 * (KV keys allow only {@code [-/_=.A-Za-z0-9]}), and it decodes back to the element byte for byte. Only the lone
 * {@code =} and {@code =HH} sequences have meaning, so a token that is not such a well-formed sequence is refused by
 * {@link #decode}.
 *
 * <p>Subscriptions: {@code +} becomes {@code *} (one token) and a trailing {@code *} becomes {@code >} (one or more
 * tokens, as a BOSSWAVE subscription's trailing star needs at least one element). A {@code *} before the end, which
 * may match zero elements, cannot be said in NATS: the subject stops at the star with {@code >} (wider than the
 * pattern), and the router's own matcher picks what the pattern really matches. The tokens before the star are
 * enough, since {@code a/*}{@code /b} needs at least one element after {@code a}.
 */
public final class SubjectCodec {
    /** Prefix of live messages: {@code bw2.m.<namespace>.<element>...}. */
    public static final String MESSAGES = "bw2.m";

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private SubjectCodec() {
    }

    /** One element as a token. */
    public static String encode(String element) {
        if (element.isEmpty()) {
            return "=";
        }
        StringBuilder b = null;
        for (int i = 0; i < element.length(); i++) {
            char c = element.charAt(i);
            if (!plain(c)) {
                b = new StringBuilder(element.length() + 8);
                break;
            }
        }
        if (b == null) {
            return element;
        }
        for (byte x : element.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xFF);
            if (plain(c)) {
                b.append(c);
            } else {
                b.append('=').append(HEX[(x >> 4) & 0xF]).append(HEX[x & 0xF]);
            }
        }
        return b.toString();
    }

    /** A token back to its element; IllegalArgumentException when it is not something {@link #encode} makes. */
    public static String decode(String token) {
        if (token.equals("=")) {
            return "";
        }
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty token");
        }
        if (token.indexOf('=') < 0) {
            checkPlain(token);
            return token;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c == '=') {
                if (i + 2 >= token.length()) {
                    throw new IllegalArgumentException("token '" + token + "': '=' must be followed by two hex digits");
                }
                if (!upperHex(token.charAt(i + 1)) || !upperHex(token.charAt(i + 2))) {
                    throw new IllegalArgumentException("token '" + token + "': '=' must be followed by two upper-case "
                            + "hex digits");
                }
                int v = Character.digit(token.charAt(i + 1), 16) << 4 | Character.digit(token.charAt(i + 2), 16);
                if (plain((char) v)) {
                    throw new IllegalArgumentException("token '" + token + "': '" + (char) v + "' is escaped but "
                            + "need not be (not a token this codec makes)");
                }
                out.write(v);
                i += 2;
            } else if (plain(c)) {
                out.write(c);
            } else {
                throw new IllegalArgumentException("token '" + token + "' has the character '" + c + "'");
            }
        }
        byte[] bytes = out.toByteArray();
        String s = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(s.getBytes(StandardCharsets.UTF_8), bytes)) {
            throw new IllegalArgumentException("token '" + token + "' is not UTF-8");
        }
        return s;
    }

    private static void checkPlain(String token) {
        for (int i = 0; i < token.length(); i++) {
            if (!plain(token.charAt(i))) {
                throw new IllegalArgumentException("token '" + token + "' has the character '" + token.charAt(i) + "'");
            }
        }
    }

    private static boolean upperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }

    private static boolean plain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    /** {@code <namespace>.<e1>.<e2>...}: a retained message's KV key, and the tail of a live message's subject. */
    public static String key(String nsB64, String[] elems) {
        StringBuilder b = new StringBuilder(nsB64.length() + 16 * elems.length);
        b.append(encode(nsB64));
        for (String e : elems) {
            b.append('.').append(encode(e));
        }
        return b.toString();
    }

    /** The subject a publish on {@code ns/elems} goes out on. */
    public static String publishSubject(String nsB64, String[] elems) {
        return MESSAGES + "." + key(nsB64, elems);
    }

    /** The subject that carries at least every publish a subscription on {@code ns/pattern} matches (see above). */
    public static String subscribeSubject(String nsB64, String[] pattern) {
        StringBuilder b = new StringBuilder(MESSAGES).append('.').append(encode(nsB64));
        for (String e : pattern) {
            if (e.equals("*")) {
                return b.append(".>").toString();
            }
            b.append('.').append(e.equals("+") ? "*" : encode(e));
        }
        return b.toString();
    }

    /** Splits a key (or a subject after {@code skip} leading tokens) into the namespace and the elements. */
    public static List<String> decodeTokens(String subject, int skip) {
        String[] t = subject.split("\\.", -1);
        if (t.length < skip + 2) {
            throw new IllegalArgumentException("subject '" + subject + "' has no namespace and element");
        }
        List<String> out = new ArrayList<>(t.length - skip);
        for (int i = skip; i < t.length; i++) {
            out.add(decode(t[i]));
        }
        return out;
    }
}
