package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The engine's own words (Docker 28, captured on this machine with docker run) and what users read instead. */
class StartErrorsTest {
    @Test
    void aMissingCommandIsNamedWithTheImage() {
        String engine = "Status 400: {\"message\":\"failed to create task for container: failed to create shim task: "
                + "OCI runtime create failed: runc create failed: unable to start container process: exec: "
                + "\\\"nosuchcmd\\\": executable file not found in $PATH: unknown\"}";
        assertEquals("the command 'nosuchcmd' (the first item of 'run') is not on the PATH in image "
                + "spawnpoint/base:latest: check 'run' in the service config, include the program with includedFiles, "
                + "or install it with aptRequires or build", StartErrors.explain(engine, "spawnpoint/base:latest"));
    }

    @Test
    void aMissingOrNonExecutableFileToo() {
        String missing = "unable to start container process: exec: \"/srv/x.sh\": stat /srv/x.sh: no such file or "
                + "directory: unknown";
        assertEquals("the command '/srv/x.sh' (the first item of 'run') does not exist in image img: check 'run' in "
                + "the service config, include the program with includedFiles, or install it with aptRequires or build",
                StartErrors.explain(missing, "img"));
        String denied = "exec: \"./run.sh\": permission denied: unknown";
        assertEquals("the command './run.sh' (the first item of 'run') is not executable in image img: check 'run' in "
                + "the service config, include the program with includedFiles, or install it with aptRequires or build",
                StartErrors.explain(denied, "img"));
    }

    @Test
    void otherErrorsAreLeftAsTheyAre() {
        assertNull(StartErrors.explain("Status 500: {\"message\":\"driver failed programming external connectivity\"}",
                "img"));
        assertNull(StartErrors.explain(null, "img"));
    }
}
