package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void framesQueuedBehindUnfinishedWorkAreBoundedByTheirBytes() throws Exception {
        Pipeline p = new Pipeline();
        CountDownLatch signing = new CountDownLatch(1);
        List<Integer> order = new CopyOnWriteArrayList<>();
        p.async(100, () -> {
            try {
                signing.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }, r -> order.add(0), ex -> order.add(-1));
        p.then(() -> order.add(1), Pipeline.QUEUED_BYTES / 2);
        CountDownLatch queued = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try {
                p.then(() -> order.add(2), Pipeline.QUEUED_BYTES / 2); // 100 bytes short: must wait
                queued.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        reader.start();
        assertFalse(queued.await(300, TimeUnit.MILLISECONDS), "the reader waits while the queue is full");
        signing.countDown();
        assertTrue(queued.await(5, TimeUnit.SECONDS), "and goes on once earlier work is done");
        p.drain();
        assertEquals(List.of(0, 1, 2), order, "in request order");
    }
}
