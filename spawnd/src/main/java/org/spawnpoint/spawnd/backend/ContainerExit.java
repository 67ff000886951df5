package org.spawnpoint.spawnd.backend;

import java.util.List;

/**
 * Why a container is not running: what the engine recorded and what the service printed last.
 *
 * @param running      true if it is in fact running
 * @param exitCode     the main process's exit code (137 after a kill)
 * @param oomKilled    true if the kernel's OOM killer ended it (memory limit reached)
 * @param error        the engine's error text (e.g. the command was not found), empty if none
 * @param lastLogLines the last lines of its output, oldest first
 */
public record ContainerExit(boolean running, int exitCode, boolean oomKilled, String error, List<String> lastLogLines) {
    public ContainerExit {
        error = error == null ? "" : error;
        lastLogLines = List.copyOf(lastLogLines);
    }

    /** One line for a log message, e.g. {@code exited with code 137 (out of memory: OOMKilled)}. */
    public String summary() {
        if (running) {
            return "running";
        }
        StringBuilder b = new StringBuilder("exited with code ").append(exitCode);
        if (oomKilled) {
            b.append(" (out of memory: OOMKilled)");
        }
        if (!error.isEmpty()) {
            b.append(": ").append(error);
        }
        return b.toString();
    }
}
