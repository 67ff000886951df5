package org.spawnpoint.spawnable;

/** A parameter file that cannot be read or parsed, or a parameter that is missing or of the wrong type. */
public class ParamsException extends SpawnableException {
    private final String source;

    /**
     * @param source the parameter file, as it was named
     * @param message what is wrong, naming the key
     */
    public ParamsException(String source, String message) {
        super(message);
        this.source = source;
    }

    /** The same, with the underlying failure (an unreadable file, a YAML error). */
    public ParamsException(String source, String message, Throwable cause) {
        super(message, cause);
        this.source = source;
    }

    /** The parameter file concerned, as it was named when loaded. */
    public String source() {
        return source;
    }
}
