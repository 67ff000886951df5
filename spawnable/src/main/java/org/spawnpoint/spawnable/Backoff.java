package org.spawnpoint.spawnable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exponential back-off: delays start at {@code initial}, grow by {@code multiplier} after each one handed out and
 * stop growing at {@code max}; an optional jitter spreads each delay by up to ± that fraction. Thread-safe.
 *
 * <p>It replaces the Go {@code SmartPoller}, whose {@code Reset()} blocked forever on a channel that was never made.
 * Here {@link #reset()} puts the delay back to {@code initial} and also wakes a {@link #retry} loop that is waiting,
 * which then tries again at once (the preempt that Go intended).
 */
public final class Backoff {
    private static final Logger log = LoggerFactory.getLogger(Backoff.class);

    /** Told about each failed attempt of {@link #retry}, before the wait. */
    @FunctionalInterface
    public interface RetryListener {
        /** Attempt {@code attempt} (from 1) failed with {@code error}; the next comes after {@code nextDelay}. */
        void onFailure(int attempt, Exception error, Duration nextDelay);
    }

    private final long initialNanos;
    private final long maxNanos;
    private final double multiplier;
    private final double jitter;
    private final DoubleSupplier random;

    private final Object lock = new Object();
    private long currentNanos;
    private long resets;

    private Backoff(Builder b) {
        this.initialNanos = b.initial.toNanos();
        this.maxNanos = b.max.toNanos();
        this.multiplier = b.multiplier;
        this.jitter = b.jitter;
        this.random = b.random;
        this.currentNanos = initialNanos;
    }

    /** A back-off from {@code initial} to {@code max}, doubling, without jitter until {@link Builder#jitter} says. */
    public static Builder builder(Duration initial, Duration max) {
        return new Builder(initial, max);
    }

    /** The delay to wait now; the following one grows by the multiplier, up to the maximum. */
    public Duration next() {
        long base;
        synchronized (lock) {
            base = currentNanos;
            double grown = currentNanos * multiplier;
            currentNanos = grown >= maxNanos ? maxNanos : (long) grown;
        }
        return Duration.ofNanos(jittered(base));
    }

    /** The delay {@link #next()} would start from, before jitter. */
    public Duration current() {
        synchronized (lock) {
            return Duration.ofNanos(currentNanos);
        }
    }

    /** Back to the initial delay; a {@link #retry} loop that is waiting stops waiting and tries again now. */
    public void reset() {
        synchronized (lock) {
            currentNanos = initialNanos;
            resets++;
            lock.notifyAll();
        }
    }

    /** Calls {@code task} until it returns, waiting {@link #next()} after each failure; logs each failure. */
    public <T> T retry(Callable<T> task) throws InterruptedException {
        return retry(task, (attempt, error, delay) ->
                log.warn("Attempt {} failed: {}; retrying in {} ms", attempt, error.toString(), delay.toMillis()));
    }

    /**
     * Calls {@code task} until it returns a value, waiting {@link #next()} after each exception. Stops with
     * {@link InterruptedException} when the thread is interrupted (or the task throws it). On success the back-off
     * is reset, so the next retry starts again from the initial delay.
     */
    public <T> T retry(Callable<T> task, RetryListener listener) throws InterruptedException {
        return retry(task, e -> true, listener);
    }

    /**
     * As {@link #retry(Callable, RetryListener)}, but only exceptions that {@code retryable} accepts are retried;
     * any other ends the loop at once: an unchecked one is rethrown as it is, a checked one wrapped in a
     * {@link SpawnableException}.
     */
    public <T> T retry(Callable<T> task, Predicate<? super Exception> retryable, RetryListener listener)
            throws InterruptedException {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(retryable, "retryable");
        Objects.requireNonNull(listener, "listener");
        for (int attempt = 1; ; attempt++) {
            if (Thread.interrupted()) {
                throw new InterruptedException("retry interrupted before attempt " + attempt);
            }
            try {
                T result = task.call();
                reset();
                return result;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!retryable.test(e)) {
                    if (e instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new SpawnableException("attempt " + attempt + " failed and is not retried: " + e, e);
                }
                long resetsBefore;
                Duration delay;
                synchronized (lock) {
                    // Taken together, so that a reset() from the listener on is never missed by the wait.
                    resetsBefore = resets;
                    delay = next();
                }
                listener.onFailure(attempt, e, delay);
                await(delay, resetsBefore);
            }
        }
    }

    /** Waits for {@code delay}, or less when {@link #reset()} has been called since {@code resetsBefore}. */
    private void await(Duration delay, long resetsBefore) throws InterruptedException {
        synchronized (lock) {
            long deadline = System.nanoTime() + delay.toNanos();
            long remaining = delay.toNanos();
            while (remaining > 0 && resets == resetsBefore) {
                long millis = remaining / 1_000_000;
                int nanos = (int) (remaining % 1_000_000);
                lock.wait(millis, nanos);
                remaining = deadline - System.nanoTime();
            }
        }
    }

    private long jittered(long base) {
        if (jitter == 0) {
            return base;
        }
        double factor = 1 + jitter * (2 * random.getAsDouble() - 1);
        return Math.max(0, Math.min(maxNanos, Math.round(base * factor)));
    }

    /** Builds a {@link Backoff}; start with {@code Backoff.builder(initial, max)}. */
    public static final class Builder {
        private final Duration initial;
        private final Duration max;
        private double multiplier = 2.0;
        private double jitter;
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder(Duration initial, Duration max) {
            this.initial = Objects.requireNonNull(initial, "initial");
            this.max = Objects.requireNonNull(max, "max");
        }

        /** How much each delay grows; at least 1 (1 means a constant delay). Default 2. */
        public Builder multiplier(double m) {
            this.multiplier = m;
            return this;
        }

        /** Spread each delay by up to ± this fraction of it, 0 (default) to 1. */
        public Builder jitter(double fraction) {
            this.jitter = fraction;
            return this;
        }

        /** Where jitter draws uniform numbers in [0, 1) from; for tests. */
        Builder random(DoubleSupplier source) {
            this.random = Objects.requireNonNull(source, "random");
            return this;
        }

        /** The policy; fails with {@link IllegalArgumentException} naming the setting that is out of range. */
        public Backoff build() {
            try {
                max.toNanos();
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("Backoff max delay must fit in 292 years of nanoseconds, got " + max);
            }
            if (initial.isNegative() || initial.isZero()) {
                throw new IllegalArgumentException("Backoff initial delay must be positive, got " + initial);
            }
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("Backoff max delay must be at least the initial delay ("
                        + initial + "), got " + max);
            }
            if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
                throw new IllegalArgumentException("Backoff multiplier must be a finite number >= 1, got "
                        + multiplier);
            }
            if (!(jitter >= 0.0 && jitter <= 1.0)) {
                throw new IllegalArgumentException("Backoff jitter must be a fraction between 0 and 1, got " + jitter);
            }
            return new Backoff(this);
        }
    }
}
