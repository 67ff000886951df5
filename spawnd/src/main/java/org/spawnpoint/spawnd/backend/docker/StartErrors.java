package org.spawnpoint.spawnd.backend.docker;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The engine's start errors in the words of a service config. The engine answers a missing command with a runtime
 * message several layers deep ({@code OCI runtime create failed: runc create failed: unable to start container
 * process: exec: "x": executable file not found in $PATH: unknown}); the user wrote {@code run: [x]}.
 */
final class StartErrors {
    private static final Pattern EXEC = Pattern.compile(
            "exec: \\\\?\"([^\"\\\\]+)\\\\?\": (?:stat [^:]+: )?(executable file not found in \\$PATH|no such file or "
                    + "directory|permission denied)");

    private StartErrors() {
    }

    /**
     * What went wrong when the engine's start message {@code engine} is about the container's command, else null.
     * {@code image} is the image the container runs.
     */
    static String explain(String engine, String image) {
        if (engine == null) {
            return null;
        }
        Matcher m = EXEC.matcher(engine);
        if (!m.find()) {
            return null;
        }
        String command = m.group(1);
        String why = switch (m.group(2)) {
            case "permission denied" -> "is not executable";
            case "no such file or directory" -> "does not exist";
            default -> "is not on the PATH";
        };
        return "the command '" + command + "' (the first item of 'run') " + why + " in image " + image
                + ": check 'run' in the service config, include the program with includedFiles, or install it with "
                + "aptRequires or build";
    }
}
