package org.spawnpoint.bosswave.wire;

import java.util.Arrays;
import java.util.List;

/**
 * The kv fields of the frame being read, and those of the frame before it, for {@link FrameReader}.
 *
 * <p>A connection sends the same kvs frame after frame (a publisher: its {@code uri} and flags). A kv whose key and
 * value equal the previous frame's kv at the same position is that {@link Frame.Kv} object again, and a frame whose
 * kvs are all the previous frame's gets its list again: {@code Kv}, its value array and the list are immutable, so
 * sharing them between frames (and the threads that handle them) is as safe as sharing one frame. A 1→1 publish
 * allocated 520 B in the reader, 312 of them for its kvs; now it allocates 208 (Frame, its PO and list).
 *
 * <p>More: when a frame's leading kv lines are byte for byte the previous frame's ({@link #recordPrefix}), they are
 * not parsed at all ({@link #samePrefix}): one vectorized comparison instead of a scan per line.
 *
 * <p>Bounded: only the first {@link #REMEMBERED} kvs, of at most {@link #MAX_REMEMBERED_VALUE} bytes each, and at most
 * {@link #MAX_PREFIX} bytes of kv lines are kept from one frame to the next (4 KiB per connection), so what an idle
 * connection holds does not grow with what it sent.
 */
final class KvFields {
    static final int REMEMBERED = 8;
    static final int MAX_REMEMBERED_VALUE = 256;
    static final int MAX_PREFIX = 512;

    private Frame.Kv[] kvs = new Frame.Kv[REMEMBERED];
    private int count;
    /** The previous frame's first kvs (null where none, or too long to keep) and their count. */
    private final Frame.Kv[] last = new Frame.Kv[REMEMBERED];
    private int lastCount;
    /** The previous frame's list, when its kvs were all remembered; else null. */
    private List<Frame.Kv> lastList;

    /** The previous frame's leading kv lines (their bytes, kvs and value bytes), when {@link #prefixLength} > 0. */
    private byte[] prefix = new byte[MAX_PREFIX];
    private int prefixLength;
    private int prefixKvs;
    private long prefixHeld;
    /** This frame's leading kv lines, offered by {@link #recordPrefix}, kept by {@link #finish}. */
    private byte[] pending = new byte[MAX_PREFIX];
    private int pendingLength;
    private int pendingKvs;
    private long pendingHeld;
    private boolean open;
    /** Where this frame's leading kv lines start in the reader's buffer (-1 once past them), and its compactions then. */
    private int sectionStart = -1;
    private int sectionCompactions;

    /** Starts a frame whose kv lines (if any) start at {@code from}, the reader having compacted its buffer so often. */
    void begin(int from, int compactions) {
        count = 0;
        pendingLength = 0;
        open = true;
        sectionStart = from;
        sectionCompactions = compactions;
    }

    /**
     * At the first line that is not a kv, at {@code at}: the kv lines before it, when all are still in the buffer
     * (it was not compacted since), are offered to {@link #recordPrefix} so that the next frame may skip parsing them.
     */
    void endSection(byte[] buf, int at, int compactions, long held) {
        if (sectionStart >= 0) {
            if (compactions == sectionCompactions && at > sectionStart) {
                recordPrefix(buf, sectionStart, at - sectionStart, held);
            }
            sectionStart = -1;
        }
    }

    /**
     * When buf[from, lim) starts with the previous frame's leading kv lines (and more follows them): takes that
     * frame's kvs for them and returns how many; else 0. The caller then skips {@link #prefixLength} bytes.
     */
    int samePrefix(byte[] buf, int from, int lim) {
        int n = prefixLength;
        if (n == 0 || lim - from <= n || !Arrays.equals(prefix, 0, n, buf, from, from + n)) {
            return 0;
        }
        System.arraycopy(last, 0, kvs, 0, prefixKvs);
        count = prefixKvs;
        return prefixKvs;
    }

    int prefixLength() {
        return prefixLength;
    }

    /** The value bytes of the kvs of {@link #samePrefix}, which the frame holds as if it had read them. */
    long prefixHeld() {
        return prefixHeld;
    }

    /**
     * This frame's kv lines so far are buf[from, from + length), holding {@code held} value bytes, and the next line
     * is not a kv: kept for the next frame once this one completes with all of them remembered.
     */
    private void recordPrefix(byte[] buf, int from, int length, long held) {
        if (length <= MAX_PREFIX && count <= REMEMBERED) {
            System.arraycopy(buf, from, pending, 0, length);
            pendingLength = length;
            pendingKvs = count;
            pendingHeld = held;
        }
    }

    /**
     * The previous frame's kv at this position when its key is {@code key} and its value is buf[from, from + length),
     * else null (the caller reads the value and {@link #add}s a new kv).
     */
    Frame.Kv same(String key, byte[] buf, int from, int length) {
        int i = count;
        if (i >= lastCount) {
            return null;
        }
        Frame.Kv k = last[i];
        if (k == null) {
            return null;
        }
        byte[] v = k.value();
        // keys the reader shares (InternedNames) are the same object; others are compared
        if (v.length != length || (k.key() != key && !k.key().equals(key))
                || !Arrays.equals(v, 0, length, buf, from, from + length)) {
            return null;
        }
        return k;
    }

    /** Appends the next kv of this frame. */
    void add(Frame.Kv kv) {
        if (count == kvs.length) {
            kvs = Arrays.copyOf(kvs, count * 2);
        }
        kvs[count++] = kv;
    }

    /**
     * This frame's kvs as an immutable list: the previous frame's list when they are the same objects, else a new
     * one (one array: List.of with as many arguments as kvs, up to 10), remembered for the next frame.
     */
    List<Frame.Kv> finish() {
        int n = count;
        Frame.Kv[] k = kvs;
        if (lastList != null && n == lastCount) {
            int i = 0;
            while (i < n && k[i] == last[i]) {
                i++;
            }
            if (i == n) {
                keepPrefix(true);
                clearScratch();
                return lastList;
            }
        }
        List<Frame.Kv> list = switch (n) {
            case 0 -> List.of();
            case 1 -> List.of(k[0]);
            case 2 -> List.of(k[0], k[1]);
            case 3 -> List.of(k[0], k[1], k[2]);
            case 4 -> List.of(k[0], k[1], k[2], k[3]);
            case 5 -> List.of(k[0], k[1], k[2], k[3], k[4]);
            case 6 -> List.of(k[0], k[1], k[2], k[3], k[4], k[5]);
            case 7 -> List.of(k[0], k[1], k[2], k[3], k[4], k[5], k[6]);
            case 8 -> List.of(k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7]);
            default -> List.of(Arrays.copyOf(k, n));
        };
        boolean all = n <= REMEMBERED;
        int kept = Math.min(n, REMEMBERED);
        for (int i = 0; i < kept; i++) {
            Frame.Kv kv = k[i];
            boolean keep = kv.value().length <= MAX_REMEMBERED_VALUE;
            last[i] = keep ? kv : null;
            all &= keep;
        }
        Arrays.fill(last, kept, REMEMBERED, null);
        lastCount = kept;
        lastList = all ? list : null;
        boolean prefixRemembered = pendingKvs <= kept;
        for (int i = 0; i < pendingKvs && prefixRemembered; i++) {
            prefixRemembered = last[i] != null;
        }
        keepPrefix(prefixRemembered);
        clearScratch();
        return list;
    }

    /** The pending prefix (when {@code valid}) becomes the one the next frame is compared with; else there is none. */
    private void keepPrefix(boolean valid) {
        open = false;
        if (!valid || pendingLength == 0) {
            prefixLength = 0;
            return;
        }
        byte[] p = prefix;
        prefix = pending;
        pending = p;
        prefixLength = pendingLength;
        prefixKvs = pendingKvs;
        prefixHeld = pendingHeld;
    }

    /**
     * After a frame that failed: forgets it, and the previous frame's prefix (its kvs are still remembered, but the
     * stream is about to be closed anyway). Nothing after a completed frame.
     */
    void abandon() {
        if (open) {
            open = false;
            prefixLength = 0;
            clearScratch();
        }
    }

    /** The scratch array must not keep a frame's values alive (a large one would outlive its frame here). */
    private void clearScratch() {
        if (kvs.length > REMEMBERED) {
            kvs = new Frame.Kv[REMEMBERED];
        } else {
            Arrays.fill(kvs, 0, count, null);
        }
        count = 0;
    }
}
