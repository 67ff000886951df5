package org.spawnpoint.spawnd.backend;

import java.time.Instant;

/**
 * Something that happened to one of spawnd's containers, as the engine reported it.
 *
 * @param type        what happened
 * @param containerId the container's full id ({@code null} for {@link Type#MONITOR_RESUMED})
 * @param serviceName the service, from the container's labels ({@code null} for {@link Type#MONITOR_RESUMED})
 * @param exitCode    the exit code for {@link Type#DIE}, else {@code null}
 * @param time        when the engine says it happened
 */
public record BackendEvent(Type type, String containerId, String serviceName, Integer exitCode, Instant time) {
    /** The kinds of events spawnd acts on. */
    public enum Type {
        /** The container started. */
        START,
        /** The container's main process ended (any reason, including stop and OOM kill). */
        DIE,
        /** The kernel's OOM killer fired inside the container; a {@link #DIE} follows when the main process died. */
        OOM,
        /**
         * The event stream broke (for example the engine restarted) and was opened again. Events in between were
         * asked for again from the last one seen, but the caller should re-check its containers' states.
         */
        MONITOR_RESUMED
    }
}
