package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system as a user types it: {@code bw2 init} and {@code bw2 router}, {@code spawnd run} on the real
 * Docker engine, and {@code spawnctl} scan, deploy (included file and directory, a volume), scan again, restart,
 * stop, and a refused stranger. Every program is a separate process started from bin/.
 */
@Timeout(300)
class EndToEndIT {
    static final String IMAGE = "spawnpoint/debian:bookworm";

    @TempDir
    Path dir;
    private final List<UserProcess> started = new ArrayList<>();
    private final String service = "e2e-" + UUID.randomUUID().toString().substring(0, 8);
    private Map<String, String> env;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        // Whatever spawnd left of this test's service: its container (by label) and its volume.
        docker("sh", "-c", "ids=$(docker ps -aq --filter label=org.spawnpoint.service=" + service
                + "); [ -z \"$ids\" ] || docker rm -f $ids");
        docker("sh", "-c", "vols=$(docker volume ls -q --filter label=org.spawnpoint.service=" + service
                + "); [ -z \"$vols\" ] || docker volume rm -f $vols");
    }

    private static void docker(String... cmd) throws IOException, InterruptedException {
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private UserProcess start(String program, String... args) throws IOException {
        UserProcess p = UserProcess.start(env, dir.resolve("work"), program, args);
        started.add(p);
        return p;
    }

    private UserProcess spawnctl(String key, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-e", dir.resolve("keys/" + key).toString()));
        all.addAll(List.of(args));
        return start("spawnctl", all.toArray(String[]::new));
    }

    /** Scans until {@code what} shows up (heartbeats come every 5 s, service heartbeats about every 6 s). */
    private String scanUntil(String what, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            UserProcess scan = spawnctl("user.key", "scan", "-u", "scratch.ns/spawnpoint");
            assertEquals(0, scan.await(60), scan.output());
            last = scan.output();
            if (last.contains(what)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("scan never showed '" + what + "'; last output:\n" + last);
    }

    @Test
    void scanDeployScanRestartStopAndARefusedStranger() throws Exception {
        env = new HashMap<>(Map.of("SPAWNCTL_CDS", "0", "SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()));
        Path work = Files.createDirectories(dir.resolve("work"));
        Path data = dir.resolve("data");
        UserProcess init = start("bw2", "init", "--data", data.toString(), "--out", dir.resolve("keys").toString(),
                "--alias", "scratch.ns", "--entity", "spawnd", "--entity", "user");
        assertEquals(0, init.await(120), init.output());
        UserProcess mk = start("bw2", "mkentity", "--data", data.toString(), "-o", dir.resolve("keys/stranger.key").toString());
        assertEquals(0, mk.await(120), mk.output());

        int port = UserProcess.freePort();
        UserProcess router = start("bw2", "router", "--data", data.toString(), "--listen", "127.0.0.1:" + port);
        UserProcess.awaitPort(port, router);
        env.put("BW2_AGENT", "127.0.0.1:" + port);

        Path config = Files.writeString(dir.resolve("spawnd.yml"), "entity: " + dir.resolve("keys/spawnd.key")
                + "\nalias: alpha\npath: scratch.ns/spawnpoint/alpha\nlocalRouter: 127.0.0.1:" + port
                + "\nmemAlloc: 1G\ncpuShares: 2048\nstateDir: " + dir.resolve("state") + "\n");
        Path meta = Files.writeString(dir.resolve("metadata.yml"), "room: 410\n");
        start("spawnd", "run", "-c", config.toString(), "-m", meta.toString());

        String scan = scanUntil("Available Memory: 1024 MB", 90);
        assertTrue(scan.startsWith("Discovered 1 SpawnPoint(s):\n[alpha] seen "), scan);
        assertTrue(scan.contains(" ago at scratch.ns/spawnpoint/alpha\n  Available Memory: 1024 MB, Available Cpu Shares: 2048"), scan);

        // A service with an included file, an included directory and a volume.
        Files.writeString(work.resolve("params.yml"), "greeting: hello\n");
        Files.createDirectories(work.resolve("conf"));
        Files.writeString(work.resolve("conf/app.txt"), "from-dir\n");
        Files.writeString(work.resolve("svc.yml"), "entity: " + dir.resolve("keys/user.key") + "\nimage: " + IMAGE
                + "\nrun: [sh, -c, 'cat params.yml conf/app.txt; touch /srv/data/ok && echo volume-ok; echo ready; sleep 600']"
                + "\nmemAlloc: 128M\ncpuShares: 256\nincludedFiles: [params.yml]\nincludedDirs: [conf]\nvolumes: [data]\n");
        UserProcess deploy = spawnctl("user.key", "deploy", "-u", "scratch.ns/spawnpoint/alpha", "-c", "svc.yml",
                "-n", service);
        deploy.awaitLine(l -> l.contains("Deployment complete, tailing log. Ctrl-C to quit."), "the tail banner", 60);
        deploy.awaitLine(l -> l.endsWith("alpha::" + service + " > greeting: hello"), "the included file", 120);
        deploy.awaitLine(l -> l.endsWith("alpha::" + service + " > from-dir"), "the included directory", 30);
        deploy.awaitLine(l -> l.endsWith("> volume-ok"), "the mounted volume", 30);
        deploy.interrupt();
        assertEquals(0, deploy.await(30), "Ctrl-C ends the tail with 0:\n" + deploy.output());
        assertTrue(!deploy.output().contains("does not advertise a seal key"),
                "our spawnd takes the sealed entity, so spawnctl does not warn:\n" + deploy.output());

        // The service's first heartbeat comes with its start; the daemon's, with the pools, within 5 s of it.
        String withService = scanUntil("Available Memory: 896 MB", 60);
        assertTrue(withService.contains("• [" + service + "] seen"), withService);
        assertTrue(withService.contains("Available Memory: 896 MB, Available Cpu Shares: 1792"), withService);
        assertTrue(withService.contains("/128 MB, CPU Shares: ~"), withService);
        assertTrue(withService.contains("  • room: 410"), withService);

        UserProcess logs = spawnctl("user.key", "logs", "-u", "scratch.ns/spawnpoint/alpha", "-n", service, "-s", "10m");
        assertEquals(0, logs.await(60), logs.output());
        assertTrue(logs.lines.contains("greeting: hello") && logs.lines.contains("ready"), logs.output());

        UserProcess inspect = spawnctl("user.key", "inspect", "-u", "scratch.ns/spawnpoint/alpha", "-n", service);
        assertEquals(0, inspect.await(60), inspect.output());
        assertTrue(inspect.lines.get(0).startsWith("[" + service + "] seen "), inspect.output());
        assertTrue(inspect.lines.contains("Memory Usage: " + inspect.lines.get(2).substring(14)), inspect.output());
        assertTrue(inspect.output().contains("Original Configuration File:\n    serviceName: " + service), inspect.output());
        assertTrue(!inspect.output().contains("entity"), "the deployed config is shown without its entity");

        UserProcess restart = spawnctl("user.key", "restart", "-u", "scratch.ns/spawnpoint/alpha", "-n", service);
        restart.awaitLine(l -> l.equals("Monitoring service log. Press Ctrl-C to quit."), "the banner", 60);
        restart.awaitLine(l -> l.endsWith("> [SUCCESS] Container (re)start successful"), "the reported outcome", 120);
        restart.awaitLine(l -> l.endsWith("> ready"), "the restarted service's output", 120);
        restart.interrupt();
        assertEquals(0, restart.await(30), restart.output());

        UserProcess stop = spawnctl("user.key", "stop", "-u", "scratch.ns/spawnpoint/alpha", "-n", service);
        stop.awaitLine(l -> l.equals("Monitoring service log. Press Ctrl-C to quit."), "the banner", 60);
        stop.awaitLine(l -> l.endsWith("alpha::" + service + " > [SUCCESS] Service stopped"), "spawnd's report", 60);
        assertEquals(0, stop.await(30), "stop ends by itself once the service has stopped:\n" + stop.output());

        // Failures are loud: an unknown service, and a deploy over the pool.
        UserProcess ghost = spawnctl("user.key", "stop", "-u", "scratch.ns/spawnpoint/alpha", "-n", service);
        assertEquals(ExitCodes.FAILURE, ghost.await(60), ghost.output());
        assertTrue(ghost.output().contains("the spawnpoint has no service named '" + service + "'"), ghost.output());
        Files.writeString(work.resolve("huge.yml"), "entity: " + dir.resolve("keys/user.key") + "\nimage: " + IMAGE
                + "\nrun: [sleep, '600']\nmemAlloc: 64G\ncpuShares: 256\n");
        UserProcess huge = spawnctl("user.key", "deploy", "-u", "scratch.ns/spawnpoint/alpha", "-c", "huge.yml",
                "-n", service + "-huge");
        assertEquals(ExitCodes.FAILURE, huge.await(60), huge.output());
        assertTrue(huge.output().contains("[ERROR] Service deployment failed: Failed to launch service: "), huge.output());
        assertFalse(huge.output().contains("Deployment complete"), huge.output());

        // An entity without grants on the namespace is refused, in one line, with a failure exit code.
        UserProcess stranger = spawnctl("stranger.key", "deploy", "-u", "scratch.ns/spawnpoint/alpha", "-c",
                work.resolve("svc.yml").toString(), "-n", service + "x");
        int rc = stranger.await(60);
        assertEquals(ExitCodes.FAILURE, rc, stranger.output());
        assertEquals(1, stranger.lines.size(), stranger.output());
        assertTrue(stranger.output().contains("scratch.ns/spawnpoint/alpha"), stranger.output());
        assertTrue(stranger.output().contains("You act as " + dir.resolve("keys/stranger.key") + " (VK "), stranger.output());
        assertTrue(stranger.output().contains("which holds no grant of PC* on scratch.ns/spawnpoint/alpha/*"),
                stranger.output());
        assertTrue(stranger.output().contains("bin/bw2 mkdot --agent 127.0.0.1:"), stranger.output());
        System.out.println("scan with the service:\n" + withService + "\nstranger: " + stranger.output());
    }
}
