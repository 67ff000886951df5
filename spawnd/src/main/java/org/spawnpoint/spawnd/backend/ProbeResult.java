package org.spawnpoint.spawnd.backend;

/**
 * The outcome of one health check.
 *
 * @param healthy true when the check passed
 * @param detail  what was seen, short and safe to log: {@code 200}, {@code 503}, {@code exit 1: not ready},
 *                {@code connection refused}, {@code timed out after 3s}
 */
public record ProbeResult(boolean healthy, String detail) {
    /** Longest detail kept: it goes into log lines and every heartbeat. */
    public static final int MAX_DETAIL = 200;

    public ProbeResult {
        detail = detail == null ? "" : detail.strip().replaceAll("\\s+", " ");
        if (detail.length() > MAX_DETAIL) {
            detail = detail.substring(0, MAX_DETAIL - 3) + "...";
        }
    }

    /** A passed check that saw {@code detail}. */
    public static ProbeResult ok(String detail) {
        return new ProbeResult(true, detail);
    }

    /** A failed check, and why. */
    public static ProbeResult failed(String detail) {
        return new ProbeResult(false, detail);
    }
}
