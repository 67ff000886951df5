package org.spawnpoint.spawnd.backend;

import java.util.regex.Pattern;

/**
 * What every service container gets from the daemon, whatever its config says (daemon config keys
 * {@code noNewPrivileges}, {@code pidsLimit}, {@code logMaxSize}, {@code logMaxFiles}).
 *
 * @param noNewPrivileges Docker's {@code no-new-privileges}: set-uid binaries cannot raise privileges
 * @param pidsLimit       most processes and threads at once; 0 for no limit
 * @param logMaxSize      json-file log size before it rolls over, in Docker's form ({@code 10m})
 * @param logMaxFiles     json-file logs kept (current one included)
 */
public record ContainerHardening(boolean noNewPrivileges, long pidsLimit, String logMaxSize, int logMaxFiles) {
    /** Docker's sizes as spawnd accepts them: a whole number and a unit. */
    public static final Pattern LOG_SIZE = Pattern.compile("[1-9][0-9]{0,8}[kmg]");
    /** The defaults: no new privileges, 1024 processes, three logs of 10 MiB. */
    public static final ContainerHardening DEFAULTS = new ContainerHardening(true, 1024, "10m", 3);

    public ContainerHardening {
        if (pidsLimit < 0) {
            throw new IllegalArgumentException("pidsLimit is " + pidsLimit + ": expected 0 (no limit) or more");
        }
        if (logMaxSize == null || !LOG_SIZE.matcher(logMaxSize).matches()) {
            throw new IllegalArgumentException("logMaxSize '" + logMaxSize + "': expected a size such as '10m'");
        }
        if (logMaxFiles < 1) {
            throw new IllegalArgumentException("logMaxFiles is " + logMaxFiles + ": expected 1 or more");
        }
    }
}
