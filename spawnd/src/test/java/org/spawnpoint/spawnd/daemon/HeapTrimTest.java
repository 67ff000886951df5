package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The trim on a virtual clock: no test here sleeps or depends on how fast the machine is. */
class HeapTrimTest {
    /** A timer and clock the test advances by hand. */
    private static final class VirtualTime implements HeapTrim.Timer {
        long now;
        boolean shutDown;
        private final List<long[]> dueAt = new ArrayList<>();
        private final List<Runnable> tasks = new ArrayList<>();

        @Override
        public boolean schedule(Runnable task, long delayNanos) {
            if (shutDown) {
                return false;
            }
            dueAt.add(new long[] {now + delayNanos, tasks.size()});
            tasks.add(task);
            return true;
        }

        /** Moves the clock forward, running each task when its time comes, in time order. */
        void advanceMillis(long ms) {
            long end = now + TimeUnit.MILLISECONDS.toNanos(ms);
            while (true) {
                long[] next = dueAt.stream().filter(d -> d[0] <= end).min(Comparator.comparingLong(d -> d[0]))
                        .orElse(null);
                if (next == null) {
                    break;
                }
                dueAt.remove(next);
                now = Math.max(now, next[0]);
                tasks.get((int) next[1]).run();
            }
            now = end;
        }
    }

    private final VirtualTime time = new VirtualTime();
    private final List<Long> collectedAt = new ArrayList<>();

    private HeapTrim trim(long quietMillis) {
        return new HeapTrim(time, () -> time.now, quietMillis, () -> collectedAt.add(time.now));
    }

    @Test
    void aBurstOfActivityCollectsOnceAQuietPeriodAfterItsLastActivity() {
        HeapTrim trim = trim(200);
        for (int i = 0; i < 10; i++) {
            trim.activity();
            time.advanceMillis(30);
        }
        long last = TimeUnit.MILLISECONDS.toNanos(9 * 30);
        assertEquals(List.of(), collectedAt, "nothing during the burst");
        time.advanceMillis(1_000);
        assertEquals(List.of(last + TimeUnit.MILLISECONDS.toNanos(200)), collectedAt,
                "one collection, exactly the quiet period after the last activity");
    }

    @Test
    void eachQuietPeriodAfterActivityCollectsAgain() {
        HeapTrim trim = trim(50);
        trim.activity();
        time.advanceMillis(100);
        trim.activity();
        time.advanceMillis(100);
        assertEquals(2, collectedAt.size());
    }

    @Test
    void noActivityNoCollection() {
        trim(10);
        time.advanceMillis(10_000);
        assertEquals(List.of(), collectedAt);
    }

    @Test
    void activityAfterShutdownIsIgnored() {
        HeapTrim trim = trim(10);
        time.shutDown = true;
        trim.activity();
        trim.activity();
        time.advanceMillis(1_000);
        assertEquals(List.of(), collectedAt);
    }
}
