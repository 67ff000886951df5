package org.spawnpoint.spawnd.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeapTrimTest {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final AtomicInteger collections = new AtomicInteger();
    private final Semaphore collected = new Semaphore(0);

    @AfterEach
    void stop() {
        timers.shutdownNow();
    }

    private HeapTrim trim(long quietMillis) {
        return new HeapTrim(timers, quietMillis, () -> {
            collections.incrementAndGet();
            collected.release();
        });
    }

    @Test
    void aBurstOfActivityCollectsOnceWhenQuiet() throws Exception {
        HeapTrim trim = trim(200);
        long start = System.nanoTime();
        long lastActivity = 0;
        for (int i = 0; i < 10; i++) {
            trim.activity();
            lastActivity = System.nanoTime();
            Thread.sleep(30);
        }
        assertTrue(collected.tryAcquire(5, TimeUnit.SECONDS), "no collection after the burst");
        long quietFor = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lastActivity);
        assertTrue(quietFor >= 190, "collected only " + quietFor + " ms after the last activity, before the quiet period");
        assertTrue(System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(400), "collected during the burst");
        Thread.sleep(500);
        assertEquals(1, collections.get(), "one burst, one collection");
    }

    @Test
    void eachQuietPeriodAfterActivityCollectsAgain() throws Exception {
        HeapTrim trim = trim(50);
        trim.activity();
        assertTrue(collected.tryAcquire(5, TimeUnit.SECONDS));
        trim.activity();
        assertTrue(collected.tryAcquire(5, TimeUnit.SECONDS));
        assertEquals(2, collections.get());
    }

    @Test
    void noActivityNoCollection() throws Exception {
        trim(10);
        Thread.sleep(200);
        assertEquals(0, collections.get());
    }

    @Test
    void activityAfterShutdownIsIgnored() {
        HeapTrim trim = trim(10);
        timers.shutdownNow();
        trim.activity();
        trim.activity();
        assertEquals(0, collections.get());
    }
}
