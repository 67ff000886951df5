package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.h2.mvstore.MVMap;
import org.spawnpoint.bosswave.router.internal.objects.ObjectFormatException;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persisted messages: the last one per exact URI ({@code nsB64/suffix}), in the registry's MVStore so that a
 * {@code pers} is durable before it is acknowledged. Keys sort lexicographically, so a pattern is answered by scanning
 * only the keys under its literal prefix.
 */
public final class RetainedStore {
    private static final Logger LOG = LoggerFactory.getLogger(RetainedStore.class);

    /** A retained message and the VK that signed it. */
    public record Retained(String uri, byte[] originVk, SignedMessage message) {
    }

    private final Registry registry;
    private final MVMap<String, byte[]> map;

    public RetainedStore(Registry registry) {
        this.registry = registry;
        this.map = registry.retainedMap();
    }

    /** Stores and commits before returning. */
    public void put(String uri, byte[] originVk, SignedMessage m) {
        map.put(uri, value(originVk, m));
        registry.commit();
    }

    /** What is stored for a message: origin VK ‖ the encoded signed message. */
    static byte[] value(byte[] originVk, SignedMessage m) {
        byte[] enc = m.encodedShared();
        byte[] v = new byte[32 + enc.length];
        System.arraycopy(originVk, 0, v, 0, 32);
        System.arraycopy(enc, 0, v, 32, enc.length);
        return v;
    }

    /**
     * Stores a copy of what the cluster holds (see {@code cluster.Buckets}); not committed at once, since the cluster
     * keeps the original (the store's background writer commits within a second).
     */
    void putCopy(String uri, byte[] value) {
        map.put(uri, value);
    }

    /** Every retained message under {@code ns} matching {@code pattern} by the query rule. */
    public List<Retained> query(String ns, UriPattern pattern) {
        List<Retained> out = new ArrayList<>();
        String[] e = pattern.elems();
        if (!pattern.hasWildcard()) {
            String uri = ns + "/" + pattern.suffix();
            byte[] v = map.get(uri);
            if (v != null) {
                addDecoded(out, uri, v);
            }
            return out;
        }
        StringBuilder prefix = new StringBuilder(ns);
        for (String el : e) {
            if (el.equals("+") || el.equals("*")) {
                break;
            }
            prefix.append('/').append(el);
        }
        String p = prefix.toString();
        String under = p + "/";
        Iterator<String> it = map.keyIterator(p);
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(p)) {
                break;
            }
            if (!key.equals(p) && !key.startsWith(under)) {
                continue;
            }
            String suffix = key.substring(ns.length() + 1);
            if (pattern.matchesRetained(suffix.split("/", -1))) {
                addDecoded(out, key, map.get(key));
            }
        }
        return out;
    }

    /** Immediate children of {@code ns/suffix} that have a retained message at or below them, as full URIs. */
    public List<String> children(String ns, String suffix) {
        String under = ns + "/" + suffix + "/";
        Set<String> out = new LinkedHashSet<>();
        Iterator<String> it = map.keyIterator(under);
        while (it.hasNext()) {
            String key = it.next();
            if (!key.startsWith(under)) {
                break;
            }
            int slash = key.indexOf('/', under.length());
            out.add(slash < 0 ? key : key.substring(0, slash));
        }
        return new ArrayList<>(out);
    }

    /** Every stored entry: full URI and origin VK ‖ encoded message. */
    void forEach(java.util.function.BiConsumer<String, byte[]> visitor) {
        for (java.util.Map.Entry<String, byte[]> e : map.entrySet()) {
            visitor.accept(e.getKey(), e.getValue());
        }
    }

    public int size() {
        return map.size();
    }

    private void addDecoded(List<Retained> out, String uri, byte[] v) {
        if (v == null) {
            return;
        }
        try {
            out.add(new Retained(uri, Arrays.copyOf(v, 32), SignedMessage.parse(Arrays.copyOfRange(v, 32, v.length))));
        } catch (ObjectFormatException ex) {
            LOG.warn("skipping unreadable retained message at {}: {}", uri, ex.getMessage());
        }
    }
}
