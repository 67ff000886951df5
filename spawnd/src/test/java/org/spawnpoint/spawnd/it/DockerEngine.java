package org.spawnpoint.spawnd.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Restarts the local Docker engine for tests: through systemd when it manages docker, else the dockerd process. */
final class DockerEngine {
    private DockerEngine() {
    }

    static void restart() throws Exception {
        if (run(List.of("systemctl", "is-active", "--quiet", "docker")) == 0) {
            check(run(List.of("systemctl", "restart", "docker")), "systemctl restart docker");
        } else {
            String pid = output(List.of("pgrep", "-x", "dockerd")).trim();
            if (pid.isEmpty()) {
                throw new IllegalStateException("no dockerd process and no systemd docker unit: cannot restart the engine");
            }
            check(run(List.of("kill", pid.split("\\s+")[0])), "kill dockerd");
            long end = System.currentTimeMillis() + 60_000;
            while (!output(List.of("pgrep", "-x", "dockerd")).isBlank() && System.currentTimeMillis() < end) {
                Thread.sleep(200);
            }
            // As .ci/ensure-docker starts it.
            Path log = Files.isWritable(Path.of("/var/log")) ? Path.of("/var/log/dockerd.log") : Path.of("dockerd.log");
            new ProcessBuilder("setsid", "dockerd").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        }
        awaitUp(60);
    }

    static void awaitUp(int seconds) throws Exception {
        long end = System.currentTimeMillis() + seconds * 1000L;
        while (run(List.of("docker", "info")) != 0) {
            if (System.currentTimeMillis() > end) {
                throw new IllegalStateException("the Docker engine did not answer within " + seconds + " s");
            }
            Thread.sleep(300);
        }
    }

    private static int run(List<String> cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            return p.waitFor();
        } catch (java.io.IOException e) {
            return 127; // not installed
        }
    }

    private static String output(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    private static void check(int rc, String what) {
        if (rc != 0) {
            throw new IllegalStateException(what + " failed with exit code " + rc);
        }
    }
}
