package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RequestTimeoutException;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * A router that stops answering (SIGSTOP: its sockets stay open, nothing is read or written) while spawnd and a
 * client are connected: requests fail at their deadlines, {@code spawnctl scan} exits 3 within its deadline, spawnd
 * notices the silence through its liveness probe, and after SIGCONT reconnects and heartbeats again by itself.
 * Every program but the test's own client is a process started from bin/.
 */
@Timeout(300)
class RouterStoppedIT {
    private static final String SPAWNPOINT = "scratch.ns/spawnpoint/alpha";

    @TempDir
    Path dir;
    private final List<UserProcess> started = new ArrayList<>();
    private Map<String, String> env;
    private UserProcess router;

    @AfterEach
    void cleanUp() throws Exception {
        if (router != null) {
            signal("CONT", router); // a stopped process cannot act on SIGTERM
        }
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
    }

    private UserProcess start(String program, String... args) throws IOException {
        UserProcess p = UserProcess.start(env, dir, program, args);
        started.add(p);
        return p;
    }

    private static void signal(String sig, UserProcess p) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-" + sig, Long.toString(p.process.pid())).start().waitFor();
    }

    /** The newest spawnpoint heartbeat's time (Unix ns), waiting up to {@code seconds} for one newer than {@code after}. */
    private long heartbeatAfter(String address, long after, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        long newest = 0;
        while (System.currentTimeMillis() < deadline) {
            try (BosswaveClient c = Bosswave.connect(ClientOptions.builder().address(address).build())) {
                c.setEntityFile(dir.resolve("keys/user.key"));
                Optional<Message> m = c.queryOne(QueryParams.uri(SpawnUris.heartbeat(SPAWNPOINT)).autoChain(true));
                if (m.isPresent() && m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).isPresent()) {
                    newest = DaemonHeartbeat.decode(m.get().payload(PoNum.SPAWNPOINT_HEARTBEAT).get().content()).timeNanos();
                    if (newest > after) {
                        return newest;
                    }
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no heartbeat newer than " + after + " within " + seconds + " s (newest " + newest + ")");
    }

    @Test
    void commandsFailAtTheirDeadlinesWhileTheRouterIsStoppedAndSpawndRecoversByItselfAfterward() throws Exception {
        env = new HashMap<>(Map.of("SPAWNCTL_CDS", "0", "SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()));
        Path data = dir.resolve("data");
        UserProcess init = start("bw2", "init", "--data", data.toString(), "--out", dir.resolve("keys").toString(),
                "--alias", "scratch.ns", "--entity", "spawnd", "--entity", "user");
        assertEquals(0, init.await(120), init.output());
        int port = UserProcess.freePort();
        String address = "127.0.0.1:" + port;
        router = start("bw2", "router", "--data", data.toString(), "--listen", address);
        UserProcess.awaitPort(port, router);
        env.put("BW2_AGENT", address);
        env.put("BW2_DEFAULT_ENTITY", dir.resolve("keys/user.key").toString());
        Path config = Files.writeString(dir.resolve("spawnd.yml"), "entity: " + dir.resolve("keys/spawnd.key")
                + "\nalias: alpha\npath: " + SPAWNPOINT + "\nlocalRouter: " + address
                + "\nmemAlloc: 1G\ncpuShares: 2048\nstateDir: " + dir.resolve("state") + "\n");
        UserProcess spawnd = start("spawnd", "run", "-c", config.toString());
        heartbeatAfter(address, 0, 90);

        try (BosswaveClient client = Bosswave.connect(ClientOptions.builder().address(address)
                .requestTimeout(Duration.ofSeconds(2)).build())) {
            client.setEntityFile(dir.resolve("keys/user.key"));
            signal("STOP", router);
            long stoppedAt = System.nanoTime();

            long t0 = System.nanoTime();
            RequestTimeoutException late = assertThrows(RequestTimeoutException.class,
                    () -> client.publish(PublishParams.uri(SPAWNPOINT + "/probe").autoChain(true)));
            long publishMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(publishMs < 8_000, "publish failed after " + publishMs + " ms; its deadline was 2 s");
            assertTrue(late.getMessage().contains("'publish to " + SPAWNPOINT + "/probe'"), late.getMessage());

            t0 = System.nanoTime();
            UserProcess scan = start("spawnctl", "scan", "-u", "scratch.ns/spawnpoint");
            int rc = scan.await(60);
            long scanMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(ExitCodes.UNAVAILABLE, rc, scan.output());
            assertTrue(scan.output().contains(address), scan.output());
            // The helo deadline (5 s) plus the JVM's start; nowhere near "forever".
            assertTrue(scanMs < 20_000, "scan took " + scanMs + " ms");

            // Keep the router stopped past spawnd's liveness window (10 s idle + 5 s for the probe).
            long heldMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedAt);
            Thread.sleep(Math.max(0, 20_000 - heldMs));
            spawnd.awaitLine(l -> l.contains("did not answer a liveness probe"), "spawnd noticing the silence", 30);
            signal("CONT", router);
        }
        long resumed = System.currentTimeMillis() * 1_000_000L;
        spawnd.awaitLine(l -> l.contains("reconnected to BOSSWAVE agent at " + address), "spawnd reconnecting", 60);
        heartbeatAfter(address, resumed, 60);
        UserProcess scan = start("spawnctl", "scan", "-u", SPAWNPOINT);
        assertEquals(0, scan.await(60), scan.output());
        assertTrue(scan.output().contains("[alpha] seen"), scan.output());
        System.out.println("router stopped: spawnd's lines about it:\n" + String.join("\n",
                spawnd.lines.stream().filter(l -> l.contains("liveness") || l.contains("reconnect")).toList()));
    }
}
