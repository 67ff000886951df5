package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start, as a new user types it, from a clean home: {@code bin/spawnpoint} in one terminal until
 * it says it is ready; then, in another, the original README's commands with no flags and no environment beyond PATH
 * (spawnctl finds the local router and the operator identity): scan, deploy of the example from its own folder, the
 * greeting in the tail, restart, stop (which ends by itself). Failures are loud: a deploy over the pool and one with a
 * mistyped key exit 1 naming the cause. At the end the repository has no new or changed files.
 *
 * <p>It uses the README's port, 28589, as a user would; nothing else in the build listens there.
 */
@Timeout(600)
class QuickStartIT {
    private static final String SPAWNPOINT = "scratch.ns/spawnpoint/alpha";

    @TempDir
    Path dir;
    private final List<UserProcess> started = new ArrayList<>();
    private Map<String, String> env;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            UserProcess p = started.get(i);
            if (p.process.isAlive()) {
                p.interrupt(); // Ctrl-C: spawnd shuts down cleanly
                p.process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
            }
            p.close();
        }
        // The example runs from the base image with no build: nothing but its container, which stop removed; any
        // leftover of a failed run goes by the service's label.
        new ProcessBuilder("sh", "-c", "ids=$(docker ps -aq --filter label=org.spawnpoint.service=demosvc "
                + "--filter label=org.spawnpoint.managed=true); [ -z \"$ids\" ] || docker rm -f $ids")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private UserProcess start(Path cwd, String program, String... args) throws IOException {
        UserProcess p = UserProcess.start(env, cwd, program, args);
        started.add(p);
        return p;
    }

    private static String gitStatus() throws Exception {
        Process p = new ProcessBuilder("git", "status", "--porcelain", "--untracked-files=all")
                .directory(UserProcess.ROOT.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void twoCommandsToARunningSpawnpointThenTheOriginalReadmesCommandsAsWritten() throws Exception {
        try (ServerSocket probe = new ServerSocket(28589, 1, InetAddress.getLoopbackAddress())) {
            // free: the spawnpoint may take it
        } catch (IOException e) {
            throw new AssertionError("port 28589 is taken (another spawnpoint or router is running): " + e.getMessage());
        }
        String statusBefore = gitStatus();
        env = new HashMap<>(Map.of("SPAWNPOINT_HOME", dir.resolve("home").toString(), "SPAWNCTL_CDS", "0",
                "SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()));

        UserProcess bogus = start(dir, "spawnpoint", "--bogus");
        assertEquals(2, bogus.await(30), bogus.output());
        assertTrue(bogus.output().contains("unknown argument '--bogus'"), bogus.output());

        UserProcess spawnpoint = start(dir, "spawnpoint");
        spawnpoint.awaitLine(l -> l.startsWith("Spawnpoint alpha is ready at " + SPAWNPOINT), "the ready banner", 300);
        spawnpoint.awaitLine(l -> l.trim().equals("spawnctl deploy -u " + SPAWNPOINT + " -c deploy.yml -n demosvc"),
                "what to type next", 10);
        assertEquals("700", mode(dir.resolve("home")));
        assertEquals("600", mode(dir.resolve("home/keys/operator.key")));

        UserProcess scanAll = start(dir, "spawnctl", "scan", "-u", "scratch.ns/spawnpoint");
        assertEquals(0, scanAll.await(60), scanAll.output());
        assertTrue(scanAll.output().contains("[alpha] seen "), scanAll.output());
        UserProcess scanOne = start(dir, "spawnctl", "scan", "-u", SPAWNPOINT);
        assertEquals(0, scanOne.await(60), scanOne.output());
        assertTrue(scanOne.output().contains("Available Memory: "), scanOne.output());

        Path example = UserProcess.ROOT.resolve("examples/hello-service");
        UserProcess deploy = start(example, "spawnctl", "deploy", "-u", SPAWNPOINT, "-c", "deploy.yml", "-n", "demosvc");
        deploy.awaitLine(l -> l.contains("Deployment complete, tailing log. Ctrl-C to quit."), "the banner", 180);
        deploy.awaitLine(l -> l.contains("alpha::demosvc > ") && l.contains("hello: published \""), "the greeting",
                120);
        deploy.interrupt();
        assertEquals(0, deploy.await(30), deploy.output());

        UserProcess restart = start(example, "spawnctl", "restart", "-u", SPAWNPOINT, "-n", "demosvc");
        restart.awaitLine(l -> l.endsWith("[SUCCESS] Container (re)start successful"), "the restart", 120);
        restart.interrupt();
        assertEquals(0, restart.await(30), restart.output());

        UserProcess stop = start(example, "spawnctl", "stop", "-u", SPAWNPOINT, "-n", "demosvc");
        assertEquals(0, stop.await(120), "stop ends by itself once the service has stopped:\n" + stop.output());
        assertTrue(stop.output().contains("[SUCCESS] Service stopped"), stop.output());

        Path huge = Files.writeString(dir.resolve("huge.yml"), "run: [sleep, '60']\nmemAlloc: 4096G\ncpuShares: 64\n");
        UserProcess over = start(dir, "spawnctl", "deploy", "-u", SPAWNPOINT, "-c", huge.toString(), "-n", "toobig");
        assertEquals(ExitCodes.FAILURE, over.await(120), over.output());
        assertTrue(over.output().contains("[ERROR] Service deployment failed: Failed to launch service: Insufficient "
                + "Spawnpoint memory for requested allocation (have "), over.output());
        assertTrue(over.output().contains(" MiB free of "), over.output());
        assertFalse(over.output().contains("Deployment complete"), over.output());

        Path typo = Files.writeString(dir.resolve("typo.yml"), "run: [sleep, '60']\nmemalloc: 64M\ncpuShares: 64\n");
        UserProcess mistyped = start(dir, "spawnctl", "deploy", "-u", SPAWNPOINT, "-c", typo.toString(), "-n", "typo");
        assertEquals(ExitCodes.FAILURE, mistyped.await(60), mistyped.output());
        assertTrue(mistyped.output().contains("'memalloc' is not a service config key (did you mean 'memAlloc'?)"),
                mistyped.output());

        assertEquals(statusBefore, gitStatus(), "the quick start leaves the repository as it was");
        System.out.println("quick start: spawnpoint said:\n" + spawnpoint.output());
    }

    private static String mode(Path p) throws IOException {
        int bits = 0;
        for (java.nio.file.attribute.PosixFilePermission perm : Files.getPosixFilePermissions(p)) {
            bits |= 1 << (8 - perm.ordinal());
        }
        return Integer.toOctalString(bits);
    }
}
