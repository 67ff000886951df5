package org.spawnpoint.bosswave.router.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.wire.Frame;

/** Parsing of the request keys shared by several commands (bosswave-oob.md §2.2), with bw2's error codes. */
final class Requests {
    private Requests() {
    }

    /**
     * A resolved URI: the namespace as b64 VK and raw bytes, the validated suffix, and the whole URI as text and UTF-8
     * (made once per target, which a session keeps while a publisher repeats its URI, instead of once per message).
     */
    record Target(String nsB64, byte[] ns, UriPattern pattern, String uri, byte[] uriUtf8) {
        Target(String nsB64, byte[] ns, UriPattern pattern) {
            this(nsB64, ns, pattern, nsB64 + "/" + pattern.suffix());
        }

        private Target(String nsB64, byte[] ns, UriPattern pattern, String uri) {
            this(nsB64, ns, pattern, uri, ResultEncoder.utf8(uri));
        }
    }

    static long nowNs() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Reads {@code uri} (or {@code mvk} + {@code uri_suffix}), resolves the namespace and validates the suffix. */
    static Target target(Frame f, Registry registry) throws BwException {
        String uri = f.kv("uri");
        if (uri == null) {
            String mvk = f.kv("mvk");
            String suffix = f.kv("uri_suffix");
            if (mvk == null || suffix == null) {
                throw new BwException(BwException.BAD_URI, "URI should be namespace/suffix (no 'uri' kv, nor 'mvk' and 'uri_suffix')");
            }
            uri = mvk + "/" + suffix;
        }
        int slash = uri.indexOf('/');
        if (slash < 0) {
            throw new BwException(BwException.BAD_URI, "URI should be namespace/suffix");
        }
        String nsText = uri.substring(0, slash);
        byte[] ns = namespace(nsText, registry);
        UriPattern p;
        try {
            p = UriPattern.parse(uri.substring(slash + 1));
        } catch (IllegalArgumentException e) {
            throw new BwException(BwException.BAD_URI, "URI is invalid: " + e.getMessage());
        }
        return new Target(Crypto.b64(ns), ns, p);
    }

    /** A 44-character b64 VK, or a long alias of at most 32 bytes from the registry. */
    static byte[] namespace(String text, Registry registry) throws BwException {
        byte[] vk = Crypto.unb64Key(text);
        if (vk != null) {
            return vk;
        }
        byte[] v = text.isEmpty() || text.length() > 32 ? null : registry.resolveAlias(text);
        if (v == null) {
            throw new BwException(BwException.RESOLUTION_FAILED, "Could not resolve namespace: [513] Key not found");
        }
        return v;
    }

    /** Expiry in Unix ns from {@code expirydelta} (wins) or {@code expiry}; null when neither is given. */
    static Long expiry(Frame f) throws BwException {
        if (!hasExpiryKv(f)) {
            return null; // one pass over the kvs for the common publish without either (two lookups were 3% of it)
        }
        String delta = f.kv("expirydelta");
        if (delta != null) {
            try {
                return nowNs() + GoFormats.parseDuration(delta).toNanos();
            } catch (IllegalArgumentException e) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "invalid expirydelta '" + delta + "': "
                        + e.getMessage());
            }
        }
        String abs = f.kv("expiry");
        if (abs != null) {
            try {
                Instant t = OffsetDateTime.parse(abs).toInstant();
                return t.getEpochSecond() * 1_000_000_000L + t.getNano();
            } catch (DateTimeParseException e) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "invalid expiry '" + abs
                        + "': expected an RFC 3339 time such as 2016-09-21T19:00:00Z");
            }
        }
        return null;
    }

    private static final byte[] PARTIAL = "partial".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean hasExpiryKv(Frame f) {
        List<Frame.Kv> kvs = f.kvs();
        for (int i = 0, n = kvs.size(); i < n; i++) {
            if (kvs.get(i).key().startsWith("expiry")) {
                return true;
            }
        }
        return false;
    }

    /** The {@code elaborate_pac} mode: true for partial (the default), false for none. */
    static boolean elaboratePartial(Frame f) throws BwException {
        byte[] b = f.kvBytes("elaborate_pac");
        if (b == null || java.util.Arrays.equals(b, PARTIAL)) {
            return true; // compared as bytes: every publish asks, and a String for it was garbage per message
        }
        String v = f.kv("elaborate_pac");
        if (v.equals("none")) {
            return false;
        }
        if (v.equals("full")) {
            throw new BwException(BwException.BAD_OPERATION, "We don't support full elaboration anymore");
        }
        throw new BwException(BwException.MALFORMED_OOB_COMMAND, "Invalid elaborate_pac '" + v
                + "' (expected partial or none)");
    }

    static byte[] vkKv(Frame f, String key, boolean required) throws BwException {
        String v = f.kv(key);
        if (v == null) {
            if (required) {
                throw new BwException(BwException.MALFORMED_OOB_COMMAND, "missing kv '" + key + "' (a 44-character b64 VK)");
            }
            return null;
        }
        byte[] vk = Crypto.unb64Key(v);
        if (vk == null) {
            throw new BwException(BwException.MALFORMED_OOB_COMMAND, "kv '" + key + "' must be a 44-character URL-safe b64 "
                    + "key, got '" + v + "'");
        }
        return vk;
    }
}
