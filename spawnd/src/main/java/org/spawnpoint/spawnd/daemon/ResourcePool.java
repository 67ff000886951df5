package org.spawnpoint.spawnd.daemon;

/**
 * The daemon's memory (MiB) and CPU-share pools. Every reservation is returned exactly once: {@link Reservation#release}
 * is idempotent, so no path can return resources twice or forget that they were already returned.
 */
public final class ResourcePool {
    private final long totalMemMiB;
    private final long totalCpuShares;
    private long availableMemMiB;
    private long availableCpuShares;

    /** Both pools full: {@code totalMemMiB} MiB of memory and {@code totalCpuShares} shares (1024 per core). */
    public ResourcePool(long totalMemMiB, long totalCpuShares) {
        this.totalMemMiB = totalMemMiB;
        this.totalCpuShares = totalCpuShares;
        this.availableMemMiB = totalMemMiB;
        this.availableCpuShares = totalCpuShares;
    }

    /** Resources held by one service instance. */
    public final class Reservation {
        private final long memMiB;
        private final long cpuShares;
        private boolean released;

        private Reservation(long memMiB, long cpuShares) {
            this.memMiB = memMiB;
            this.cpuShares = cpuShares;
        }

        /** The memory held, in MiB. */
        public long memMiB() {
            return memMiB;
        }

        /** The CPU shares held. */
        public long cpuShares() {
            return cpuShares;
        }

        /** Returns the resources to the pool; later calls do nothing. */
        public void release() {
            synchronized (ResourcePool.this) {
                if (!released) {
                    released = true;
                    availableMemMiB += memMiB;
                    availableCpuShares += cpuShares;
                }
            }
        }

        /** Whether {@link #release} has run. */
        public boolean isReleased() {
            synchronized (ResourcePool.this) {
                return released;
            }
        }
    }

    /** Thrown when a reservation does not fit; the message is the one users see after {@code [FAILURE]}. */
    public static final class InsufficientResourcesException extends Exception {
        InsufficientResourcesException(String message) {
            super(message);
        }
    }

    /**
     * Reserves {@code memMiB}/{@code cpuShares}, counting what {@code replacing} holds as available (a redeploy), and
     * on success releases {@code replacing}. Memory is checked first, as in Spawnpoint 0.2's deploy.
     */
    public synchronized Reservation reserveReplacing(long memMiB, long cpuShares, Reservation replacing)
            throws InsufficientResourcesException {
        long credit = replacing != null && !replacing.released ? replacing.memMiB : 0;
        long cpuCredit = replacing != null && !replacing.released ? replacing.cpuShares : 0;
        if (memMiB > availableMemMiB + credit) {
            throw new InsufficientResourcesException("Insufficient Spawnpoint memory for requested allocation (have "
                    + (availableMemMiB + credit) + " MiB free of " + totalMemMiB + " MiB, want " + memMiB
                    + " MiB): ask for less memAlloc, or stop a service there (spawnctl inspect lists them)");
        }
        if (cpuShares > availableCpuShares + cpuCredit) {
            throw new InsufficientResourcesException("Insufficient Spawnpoint CPU shares for requested allocation (have "
                    + (availableCpuShares + cpuCredit) + " shares free of " + totalCpuShares + ", want " + cpuShares
                    + "; 1024 shares are one core): ask for fewer cpuShares, or stop a service there");
        }
        if (replacing != null) {
            replacing.release();
        }
        return take(memMiB, cpuShares);
    }

    /** Reserves resources to resurrect a dead service: CPU is checked first, as in Spawnpoint 0.2's restart. */
    public synchronized Reservation reserveForResurrection(long memMiB, long cpuShares)
            throws InsufficientResourcesException {
        if (cpuShares > availableCpuShares) {
            throw new InsufficientResourcesException("Insufficient CPU shares to resurrect service (have "
                    + availableCpuShares + " shares free, want " + cpuShares + ")");
        }
        if (memMiB > availableMemMiB) {
            throw new InsufficientResourcesException("Insufficient memory to resurrect service (have "
                    + availableMemMiB + " MiB free, want " + memMiB + " MiB)");
        }
        return take(memMiB, cpuShares);
    }

    /** Accounts for a service that is already running (re-adopted after a restart of spawnd): no admission check. */
    public synchronized Reservation adopt(long memMiB, long cpuShares) {
        return take(memMiB, cpuShares);
    }

    private Reservation take(long memMiB, long cpuShares) {
        availableMemMiB -= memMiB;
        availableCpuShares -= cpuShares;
        return new Reservation(memMiB, cpuShares);
    }

    /** The memory pool's size, in MiB. */
    public long totalMemMiB() {
        return totalMemMiB;
    }

    /** The CPU pool's size, in shares. */
    public long totalCpuShares() {
        return totalCpuShares;
    }

    /** Memory not reserved, in MiB (never negative: a reservation that does not fit is refused). */
    public synchronized long availableMemMiB() {
        return availableMemMiB;
    }

    /** CPU shares not reserved. */
    public synchronized long availableCpuShares() {
        return availableCpuShares;
    }
}
