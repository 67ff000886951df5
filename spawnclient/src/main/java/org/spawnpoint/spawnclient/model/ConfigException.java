package org.spawnpoint.spawnclient.model;

/**
 * A service config that cannot be used: the message names the config key and what was expected, for example
 * {@code Invalid service config: 'memAlloc' expected a memory size in units of M or G (such as 512M or 4G), got "512"}.
 */
public class ConfigException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    /**
     * @param field   the YAML key at fault, or null when the document as a whole is wrong
     * @param problem what was expected and what was found
     */
    public ConfigException(String field, String problem) {
        super(field == null ? "Invalid service config: " + problem : "Invalid service config: '" + field + "' " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The YAML key at fault, or null when the document as a whole is wrong. */
    public String field() {
        return field;
    }

    /** The message without the prefix. */
    public String problem() {
        return problem;
    }
}
