package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static List<Long> millis(Backoff b, int n) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(b.next().toMillis());
        }
        return out;
    }

    @Test
    void doublesUpToTheMaximum() {
        Backoff b = Backoff.builder(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        assertEquals(List.of(100L, 200L, 400L, 800L, 1000L, 1000L), millis(b, 6));
    }

    @Test
    void customMultiplier() {
        Backoff b = Backoff.builder(Duration.ofMillis(100), Duration.ofMillis(500)).multiplier(1.5).build();
        assertEquals(List.of(100L, 150L, 225L, 337L, 500L, 500L), millis(b, 6));
        Backoff constant = Backoff.builder(Duration.ofMillis(40), Duration.ofMillis(40)).multiplier(1).build();
        assertEquals(List.of(40L, 40L, 40L), millis(constant, 3));
    }

    @Test
    void resetReallyGoesBackToTheInitialDelay() {
        Backoff b = Backoff.builder(Duration.ofMillis(100), Duration.ofSeconds(1)).build();
        millis(b, 4);
        assertEquals(Duration.ofMillis(1000), b.current());
        b.reset();
        assertEquals(Duration.ofMillis(100), b.current());
        assertEquals(List.of(100L, 200L, 400L), millis(b, 3));
    }

    @Test
    void jitterSpreadsAroundTheBaseWithinMaximum() {
        double[] draws = {0.0, 1.0, 0.5, 1.0};
        AtomicInteger i = new AtomicInteger();
        Backoff b = Backoff.builder(Duration.ofMillis(100), Duration.ofMillis(300)).jitter(0.5)
                .random(() -> draws[i.getAndIncrement()]).build();
        // base 100 → ×0.5; base 200 → ×1.5; base 300 → ×1; base 300 → ×1.5 capped at max
        assertEquals(List.of(50L, 300L, 300L, 300L), millis(b, 4));
        assertEquals(Duration.ofMillis(300), b.current(), "jitter does not feed back into the sequence");
    }

    @Test
    void invalidSettingsSayWhatIsWrong() {
        assertEquals("Backoff initial delay must be positive, got PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> Backoff.builder(Duration.ZERO, Duration.ofSeconds(1)).build()).getMessage());
        assertEquals("Backoff max delay must be at least the initial delay (PT2S), got PT1S",
                assertThrows(IllegalArgumentException.class,
                        () -> Backoff.builder(Duration.ofSeconds(2), Duration.ofSeconds(1)).build()).getMessage());
        assertEquals("Backoff multiplier must be a finite number >= 1, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> Backoff.builder(Duration.ofSeconds(1),
                        Duration.ofSeconds(2)).multiplier(0.5).build()).getMessage());
        assertEquals("Backoff jitter must be a fraction between 0 and 1, got 1.5",
                assertThrows(IllegalArgumentException.class, () -> Backoff.builder(Duration.ofSeconds(1),
                        Duration.ofSeconds(2)).jitter(1.5).build()).getMessage());
    }

    @Test
    void retryCallsUntilSuccessWithGrowingDelaysThenResets() throws Exception {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(4)).build();
        AtomicInteger calls = new AtomicInteger();
        List<String> failures = new ArrayList<>();
        String result = b.retry(() -> {
            if (calls.incrementAndGet() < 5) {
                throw new IllegalStateException("not yet " + calls.get());
            }
            return "done";
        }, (attempt, error, delay) -> failures.add(attempt + ":" + error.getMessage() + ":" + delay.toMillis()));
        assertEquals("done", result);
        assertEquals(5, calls.get());
        assertEquals(List.of("1:not yet 1:1", "2:not yet 2:2", "3:not yet 3:4", "4:not yet 4:4"), failures);
        assertEquals(Duration.ofMillis(1), b.current(), "success resets the back-off");
    }

    @Test
    void retryWithDefaultListenerReturnsAtOnceOnSuccess() throws Exception {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        AtomicInteger calls = new AtomicInteger();
        assertEquals(42, b.retry(() -> {
            calls.incrementAndGet();
            return 42;
        }));
        assertEquals(1, calls.get(), "a success is not tried again");
    }

    @Test
    void interruptStopsTheRetryLoopWhileItWaits() throws Exception {
        Backoff b = Backoff.builder(Duration.ofSeconds(30), Duration.ofSeconds(60)).build();
        CountDownLatch failedOnce = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                b.retry(() -> {
                    calls.incrementAndGet();
                    throw new IllegalStateException("down");
                }, (attempt, error, delay) -> failedOnce.countDown());
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        });
        t.start();
        assertTrue(failedOnce.await(5, TimeUnit.SECONDS));
        t.interrupt();
        Throwable e = outcome.get(5, TimeUnit.SECONDS);
        assertTrue(e instanceof InterruptedException, String.valueOf(e));
        assertEquals(1, calls.get());
    }

    @Test
    void interruptedBeforeStartingDoesNotCall() {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> b.retry(calls::incrementAndGet));
        assertEquals(0, calls.get());
        assertTrue(!Thread.currentThread().isInterrupted());
    }

    @Test
    void taskThrowingInterruptedExceptionStopsTheLoop() {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        AtomicInteger calls = new AtomicInteger();
        assertThrows(InterruptedException.class, () -> b.retry(() -> {
            calls.incrementAndGet();
            throw new InterruptedException("stop");
        }));
        assertEquals(1, calls.get());
    }

    @Test
    void resetWakesAWaitingRetrySoItTriesAgainNow() throws Exception {
        // Go's SmartPoller.Reset blocked forever; here it preempts the wait.
        Backoff b = Backoff.builder(Duration.ofSeconds(30), Duration.ofSeconds(60)).build();
        CountDownLatch failedOnce = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CompletableFuture<String> result = CompletableFuture.supplyAsync(() -> {
            try {
                return b.retry(() -> {
                    if (calls.incrementAndGet() == 1) {
                        throw new IllegalStateException("first fails");
                    }
                    return "second works";
                }, (attempt, error, delay) -> failedOnce.countDown());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(failedOnce.await(5, TimeUnit.SECONDS));
        b.reset();
        assertEquals("second works", result.get(5, TimeUnit.SECONDS), "a 30 s wait was cut short by reset()");
        assertEquals(2, calls.get());
    }

    @Test
    void errorsFromTheTaskAreNotSwallowedWhenTheyAreErrors() {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        assertThrows(AssertionError.class, () -> b.retry(() -> {
            throw new AssertionError("fatal");
        }));
    }

    @Test
    void concurrentNextCallsHandOutEachStepOnce() throws ExecutionException, InterruptedException {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(1 << 20)).build();
        List<CompletableFuture<Long>> fs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            fs.add(CompletableFuture.supplyAsync(() -> b.next().toMillis()));
        }
        long sum = 0;
        for (var f : fs) {
            sum += f.get();
        }
        assertEquals((1L << 20) - 1, sum, "1 + 2 + ... + 2^19, each handed out exactly once");
    }

    @Test
    void onlyRetryableExceptionsAreRetried() {
        Backoff b = Backoff.builder(Duration.ofMillis(1), Duration.ofMillis(2)).build();
        AtomicInteger calls = new AtomicInteger();
        var fatal = new IllegalArgumentException("bad config");
        var thrown = assertThrows(IllegalArgumentException.class, () -> b.retry(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("transient");
            }
            throw fatal;
        }, e -> e instanceof IllegalStateException, (attempt, error, delay) -> { }));
        assertEquals(fatal, thrown);
        assertEquals(3, calls.get());
        var wrapped = assertThrows(SpawnableException.class, () -> b.retry(() -> {
            throw new java.io.IOException("disk");
        }, e -> false, (attempt, error, delay) -> { }));
        assertEquals("attempt 1 failed and is not retried: java.io.IOException: disk", wrapped.getMessage());
    }
}
