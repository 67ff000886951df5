package org.spawnpoint.benchmarks.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the clients of {@link NetnsDrill} printed ({@link NetnsClient}'s lines), and what it means for a link to router
 * A cut at {@code cutMs} and restored at {@code restoreMs} (wall clock): what A's and B's clients published during the
 * cut, how much of it reached the other side and when, what A's own clients got meanwhile, and how long after the
 * restore messages flowed both ways again.
 */
final class DrillLog {
    record Pub(int seq, long sentMs, boolean ok) {
    }

    record Recv(char from, int seq, long sentMs, long recvMs) {
    }

    final List<Pub> pubs = new ArrayList<>();
    final List<Recv> recvs = new ArrayList<>();

    /** Reads one client's output; fails naming the line it cannot read. */
    static DrillLog parse(String output) {
        DrillLog l = new DrillLog();
        for (String line : output.split("\n")) {
            String[] f = line.strip().split(" ");
            try {
                switch (f[0]) {
                    case "pub" -> l.pubs.add(new Pub(Integer.parseInt(f[1]), Long.parseLong(f[2]), f[3].equals("ok")));
                    case "recv" -> l.recvs.add(new Recv(f[1].charAt(0), Integer.parseInt(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4])));
                    default -> {
                        // ready, lost, and whatever the JVM printed
                    }
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("a drill client line that is not 'pub SEQ MS ok|err' or 'recv FROM "
                        + "SEQ SENT RECV': '" + line + "'", e);
            }
        }
        return l;
    }

    /** The published messages ({@code ok} ones) sent in [from, to). */
    List<Pub> sentBetween(long from, long to) {
        return pubs.stream().filter(p -> p.ok && p.sentMs >= from && p.sentMs < to).toList();
    }

    /** The messages of {@code from} this client received that were sent in [sentFrom, sentTo). */
    List<Recv> receivedOf(char from, long sentFrom, long sentTo) {
        return recvs.stream().filter(r -> r.from == from && r.sentMs >= sentFrom && r.sentMs < sentTo).toList();
    }

    /** Messages of {@code from} received more than once. */
    int duplicates(char from) {
        Set<Integer> seen = new HashSet<>();
        int dup = 0;
        for (Recv r : recvs) {
            if (r.from == from && !seen.add(r.seq)) {
                dup++;
            }
        }
        return dup;
    }

    /** Milliseconds from {@code restoreMs} to the first message of {@code from} sent after it and received here; -1. */
    long firstAfter(char from, long restoreMs) {
        return recvs.stream().filter(r -> r.from == from && r.sentMs >= restoreMs).mapToLong(r -> r.recvMs - restoreMs)
                .min().orElse(-1);
    }

    /** The drill's outcome in words, from A's and B's logs. */
    static String outcome(DrillLog a, DrillLog b, long cutMs, long restoreMs) {
        List<Pub> aCut = a.sentBetween(cutMs, restoreMs);
        List<Pub> bCut = b.sentBetween(cutMs, restoreMs);
        List<Recv> aCutAtB = b.receivedOf('a', cutMs, restoreMs);
        long aCutAtBAfter = aCutAtB.stream().filter(r -> r.recvMs >= restoreMs).count();
        List<Recv> bCutAtA = a.receivedOf('b', cutMs, restoreMs);
        List<Recv> aCutLocal = a.receivedOf('a', cutMs, restoreMs);
        long localMax = aCutLocal.stream().mapToLong(r -> r.recvMs - r.sentMs).max().orElse(-1);
        long refusedOnA = a.pubs.stream().filter(p -> !p.ok && p.sentMs >= cutMs && p.sentMs < restoreMs).count();
        long toA = a.firstAfter('b', restoreMs);
        long toB = b.firstAfter('a', restoreMs);
        String recovery = toA < 0 || toB < 0 ? "not recovered (B→A " + toA + " ms, A→B " + toB + " ms)"
                : "recovered " + Math.max(toA, toB) + " ms after the restore (B→A " + toA + " ms, A→B " + toB + " ms)";
        return String.format(Locale.ROOT, "link to router A cut %.1f s: A's client published %d (%d refused), A's own "
                        + "subscriber got %d of them (max %d ms); B got %d of them (%d after the restore); B's client "
                        + "published %d, A got %d; duplicates at A %d, at B %d; %s",
                (restoreMs - cutMs) / 1000.0, aCut.size(), refusedOnA, aCutLocal.size(), localMax, aCutAtB.size(),
                aCutAtBAfter, bCut.size(), bCutAtA.size(), a.duplicates('b'), b.duplicates('a'), recovery);
    }
}
