package org.spawnpoint.bosswave.router.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Live subscriptions in a trie keyed by URI element (namespace first), so that a publish visits only the branches its
 * elements can reach: literal child, {@code +} child, and the {@code *} continuations. Matching follows the
 * subscription rule of {@link UriPattern} (a trailing {@code *} needs at least one element).
 */
public final class SubscriptionTable<T> {
    private static final class Node<T> {
        final Map<String, Node<T>> literal = new HashMap<>(4);
        Node<T> plus;
        /** Continuation after a '*' at this position (patterns with more elements after the star). */
        Node<T> starNext;
        /** Subscriptions whose pattern ends here. */
        final List<T> terminal = new ArrayList<>(1);
        /** Subscriptions whose pattern ends with a '*' at this position. */
        final List<T> starTerminal = new ArrayList<>(1);

        boolean isEmpty() {
            return literal.isEmpty() && plus == null && starNext == null && terminal.isEmpty() && starTerminal.isEmpty();
        }
    }

    private final Node<T> root = new Node<>();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int size;
    /** Bumped by every add and remove (under the write lock): a match made at an older version may be stale. */
    private volatile long version;

    /** Adds {@code value} under {@code namespace/pattern}. */
    public void add(String namespace, UriPattern pattern, T value) {
        lock.writeLock().lock();
        try {
            Node<T> n = root.literal.computeIfAbsent(namespace, k -> new Node<>());
            String[] e = pattern.elems();
            for (int i = 0; i < e.length; i++) {
                if (e[i].equals("*")) {
                    if (i == e.length - 1) {
                        n.starTerminal.add(value);
                        size++;
                        return; // (the version is bumped on the way out)
                    }
                    if (n.starNext == null) {
                        n.starNext = new Node<>();
                    }
                    n = n.starNext;
                } else if (e[i].equals("+")) {
                    if (n.plus == null) {
                        n.plus = new Node<>();
                    }
                    n = n.plus;
                } else {
                    n = n.literal.computeIfAbsent(e[i], k -> new Node<>());
                }
            }
            n.terminal.add(value);
            size++;
        } finally {
            version++;
            lock.writeLock().unlock();
        }
    }

    /** Removes {@code value} (by identity) from {@code namespace/pattern}; true when it was present. */
    public boolean remove(String namespace, UriPattern pattern, T value) {
        lock.writeLock().lock();
        try {
            boolean removed = remove(root, namespace, pattern.elems(), -1, value);
            if (removed) {
                size--;
                version++;
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Recursive so that emptied nodes are pruned on the way back. i == -1 stands for the namespace element. */
    private boolean remove(Node<T> n, String ns, String[] e, int i, T value) {
        String key = i < 0 ? ns : e[i];
        boolean last = i == e.length - 1;
        if (key.equals("*") && last) {
            return removeIdentity(n.starTerminal, value);
        }
        Node<T> child = key.equals("*") ? n.starNext : key.equals("+") && i >= 0 ? n.plus : n.literal.get(key);
        if (child == null) {
            return false;
        }
        boolean removed = last ? removeIdentity(child.terminal, value) : remove(child, ns, e, i + 1, value);
        if (removed && child.isEmpty()) {
            if (key.equals("*")) {
                n.starNext = null;
            } else if (key.equals("+") && i >= 0) {
                n.plus = null;
            } else {
                n.literal.remove(key);
            }
        }
        return removed;
    }

    private static <T> boolean removeIdentity(List<T> list, T value) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == value) {
                list.remove(i);
                return true;
            }
        }
        return false;
    }

    /** Appends every subscription matching a publish on {@code namespace/uri} to {@code out}, each exactly once. */
    public void match(String namespace, String[] uri, List<T> out) {
        lock.readLock().lock();
        try {
            Node<T> n = root.literal.get(namespace);
            if (n != null) {
                visit(n, uri, 0, out);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    private void visit(Node<T> n, String[] u, int i, List<T> out) {
        if (i == u.length) {
            addAll(n.terminal, out);
        } else {
            Node<T> lit = n.literal.get(u[i]);
            if (lit != null) {
                visit(lit, u, i + 1, out);
            }
            if (n.plus != null) {
                visit(n.plus, u, i + 1, out);
            }
            addAll(n.starTerminal, out); // a trailing '*' consumes the remaining (at least one) elements
        }
        if (n.starNext != null) {
            // the star consumes k >= 0 elements; only one k can fit the fixed-length rest, so no duplicates
            for (int k = i; k <= u.length; k++) {
                visit(n.starNext, u, k, out);
            }
        }
    }

    /** One by one: ArrayList.addAll copies the source into a new array first, garbage on every publish. */
    private static <T> void addAll(List<T> from, List<T> out) {
        for (int i = 0, n = from.size(); i < n; i++) {
            out.add(from.get(i));
        }
    }

    /** Changes with every add and remove, so that a caller may keep a match while it does not change. */
    public long version() {
        return version;
    }

    public int size() {
        lock.readLock().lock();
        try {
            return size;
        } finally {
            lock.readLock().unlock();
        }
    }
}
