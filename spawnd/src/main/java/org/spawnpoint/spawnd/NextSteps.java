package org.spawnpoint.spawnd;

import java.nio.file.Path;

/** What bin/spawnpoint's user reads once the spawnpoint is up: that it is, and what to type next. */
final class NextSteps {
    private NextSteps() {
    }

    /**
     * The ready banner for the spawnpoint of {@code cfg}, whose repository (for bin/ and the example) is {@code repo}.
     * The commands are those of the original README, which work as written once bin/ is on the PATH.
     */
    static String text(DaemonConfig cfg, Path repo) {
        String parent = cfg.path().substring(0, cfg.path().lastIndexOf('/'));
        return "\nSpawnpoint " + cfg.alias() + " is ready at " + cfg.path() + " (router " + cfg.localRouter()
                + "). Ctrl-C stops it.\n"
                + "Next, in another terminal:\n"
                + "  export PATH=" + repo.resolve("bin") + ":$PATH\n"
                + "  spawnctl scan -u " + parent + "\n"
                + "  cd " + repo.resolve("examples/hello-service") + "\n"
                + "  spawnctl deploy -u " + cfg.path() + " -c deploy.yml -n demosvc\n"
                + "  spawnctl restart -u " + cfg.path() + " -n demosvc\n"
                + "  spawnctl stop -u " + cfg.path() + " -n demosvc\n";
    }
}
