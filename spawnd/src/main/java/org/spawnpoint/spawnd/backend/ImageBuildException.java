package org.spawnpoint.spawnd.backend;

import java.util.List;

/** A service image could not be built; carries the build's last output lines. */
public class ImageBuildException extends BackendException {
    private final List<String> lastOutputLines;

    /**
     * @param message         which image and why
     * @param lastOutputLines the build's last output lines, oldest first
     * @param cause           the engine's failure, or null
     */
    public ImageBuildException(String message, List<String> lastOutputLines, Throwable cause) {
        super(message, cause);
        this.lastOutputLines = List.copyOf(lastOutputLines);
    }

    /** The last lines the build printed, oldest first. */
    public List<String> lastOutputLines() {
        return lastOutputLines;
    }
}
