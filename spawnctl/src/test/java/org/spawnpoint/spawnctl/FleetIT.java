package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClients;

/**
 * Fleet operations (issue 16) on the real Docker engine: one router ({@code bw2 router}) and three spawnpoints
 * ({@code spawnd run}, separate processes) alpha (2 GiB, no host networking), beta (1 GiB, host networking allowed)
 * and gamma (256 MiB). {@code spawnctl ps} lists the services of all three; a pattern tail follows services on two
 * spawnpoints and one deployed after it started, and replays history with {@code --since}; placement passes over
 * gamma (no room), is refused by alpha (no host networking) and lands on beta.
 */
@Timeout(420)
class FleetIT {
    static final String IMAGE = "spawnpoint/debian:bookworm";

    @TempDir
    Path dir;
    private final List<UserProcess> started = new ArrayList<>();
    private final String tok = UUID.randomUUID().toString().substring(0, 6);
    private final String web1 = "web1-" + tok;
    private final String web2 = "web2-" + tok;
    private final String web3 = "web3-" + tok;
    private final String db = "db-" + tok;
    private final String host = "hostsvc-" + tok;
    private Map<String, String> env;

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        // What the spawnds left of this test's services, by their label: only ours.
        for (String s : List.of(web1, web2, web3, db, host)) {
            docker("sh", "-c", "ids=$(docker ps -aq --filter label=org.spawnpoint.service=" + s
                    + "); [ -z \"$ids\" ] || docker rm -f $ids");
        }
    }

    private static void docker(String... cmd) throws IOException, InterruptedException {
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    private UserProcess start(String program, String... args) throws IOException {
        UserProcess p = UserProcess.start(env, dir.resolve("work"), program, args);
        started.add(p);
        return p;
    }

    private UserProcess spawnctl(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-e", dir.resolve("keys/user.key").toString()));
        all.addAll(List.of(args));
        return start("spawnctl", all.toArray(String[]::new));
    }

    private void spawnd(String alias, String mem, boolean hostNet, String zone, int port) throws IOException {
        Path config = Files.writeString(dir.resolve(alias + ".yml"), "entity: " + dir.resolve("keys/spawnd.key")
                + "\nalias: " + alias + "\npath: scratch.ns/spawnpoint/" + alias + "\nlocalRouter: 127.0.0.1:" + port
                + "\nmemAlloc: " + mem + "\ncpuShares: 2048\nallowHostNet: " + hostNet + "\nstateDir: "
                + dir.resolve("state-" + alias) + "\n");
        Path meta = Files.writeString(dir.resolve(alias + "-meta.yml"), "zone: " + zone + "\n");
        start("spawnd", "run", "-c", config.toString(), "-m", meta.toString());
    }

    /** Runs {@code spawnctl args} until its output has every one of {@code what} (heartbeats come every 5-6 s). */
    private String until(List<String> what, int seconds, String... args) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            UserProcess p = spawnctl(args);
            assertEquals(0, p.await(60), p.output());
            last = p.output();
            if (what.stream().allMatch(last::contains)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("spawnctl " + String.join(" ", args) + " never showed " + what + "; last:\n" + last);
    }

    private void deploy(String sp, String name, String extra) throws Exception {
        Path cfg = Files.writeString(dir.resolve("work/" + name + ".yml"), "entity: " + dir.resolve("keys/user.key")
                + "\nimage: " + IMAGE + "\nrun: [sh, -c, 'i=0; while true; do echo tick-$i; i=$((i+1)); sleep 1; done']"
                + "\nmemAlloc: 64M\ncpuShares: 128\n" + extra);
        UserProcess d = spawnctl("deploy", "-u", sp, "-c", cfg.toString(), "-n", name, "--no-tail");
        assertEquals(0, d.await(120), d.output());
    }

    @Test
    void psTailAndPlacementAcrossThreeSpawnpoints() throws Exception {
        env = new HashMap<>(Map.of("SPAWNCTL_CDS", "0", "SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()));
        Files.createDirectories(dir.resolve("work"));
        Path data = dir.resolve("data");
        UserProcess init = start("bw2", "init", "--data", data.toString(), "--out", dir.resolve("keys").toString(),
                "--alias", "scratch.ns", "--entity", "spawnd", "--entity", "user");
        assertEquals(0, init.await(120), init.output());
        int port = UserProcess.freePort();
        UserProcess router = start("bw2", "router", "--data", data.toString(), "--listen", "127.0.0.1:" + port);
        UserProcess.awaitPort(port, router);
        env.put("BW2_AGENT", "127.0.0.1:" + port);
        spawnd("alpha", "2G", false, "a", port);
        spawnd("beta", "1G", true, "b", port);
        spawnd("gamma", "256M", false, "c", port);
        until(List.of("Discovered 3 SpawnPoint(s)"), 120, "scan", "scratch.ns/spawnpoint");

        deploy("scratch.ns/spawnpoint/alpha", web1, "");
        deploy("scratch.ns/spawnpoint/alpha", db, "");
        deploy("scratch.ns/spawnpoint/beta", web2, "");

        // A pattern tail: web1 on alpha and web2 on beta now, web3 on gamma once deployed; db does not match.
        UserProcess tail = spawnctl("tail", "-u", "scratch.ns/spawnpoint/*", "-n", "web*");
        // The count is of services with a fresh heartbeat (10 s): on a loaded host one may be late, so not asserted.
        tail.awaitLine(l -> l.matches("Following \\d service\\(s\\) named web\\* on 3 live spawnpoint\\(s\\) matching "
                + "scratch\\.ns/spawnpoint/\\*, and any that appear\\. Press Ctrl-C to quit\\."), "the banner", 60);
        tail.awaitLine(l -> l.matches("alpha/" + web1 + " +\\| \\[\\d\\d/\\d\\d [0-9:]{8}] tick-\\d+"), "web1's ticks", 60);
        tail.awaitLine(l -> l.matches("beta/" + web2 + " +\\| \\[.*] tick-\\d+"), "web2's ticks", 60);
        deploy("scratch.ns/spawnpoint/gamma", web3, "");
        tail.awaitLine(l -> l.matches("gamma/" + web3 + " +\\| \\[.*] tick-\\d+"), "the later service's ticks", 60);
        assertTrue(tail.lines.stream().noneMatch(l -> l.contains(db)), "db does not match web*:\n" + tail.output());
        tail.interrupt();
        assertEquals(0, tail.await(30), "Ctrl-C ends it with 0:\n" + tail.output());

        // History: each matching service's output since 10 minutes ago, then exit.
        UserProcess since = spawnctl("tail", "-u", "scratch.ns/spawnpoint/*", "-n", "web*", "--since", "10m",
                "--no-tail");
        assertEquals(0, since.await(90), since.output());
        for (String l : List.of("alpha/" + web1 + " | tick-0", "beta/" + web2 + " | tick-0", "gamma/" + web3 + " | tick-0")) {
            assertTrue(since.lines.stream().anyMatch(x -> x.replaceAll(" +\\|", " |").equals(l)), l + " in\n"
                    + since.output());
        }

        // ps: every service of the three spawnpoints, sorted, aligned.
        String ps = until(List.of(web1, web2, web3, db), 60, "ps", "-u", "scratch.ns/spawnpoint");
        List<String> rows = ps.lines().toList();
        assertTrue(rows.get(0).matches("SPAWNPOINT +SERVICE +STATE +HEALTH +MEM MiB +CPU +UPTIME +RESTARTS"), ps);
        assertEquals(List.of("alpha " + db, "alpha " + web1, "beta " + web2, "gamma " + web3),
                rows.subList(1, rows.size()).stream().map(r -> r.split(" +")[0] + " " + r.split(" +")[1]).toList(), ps);
        int stateColumn = rows.get(0).indexOf("STATE");
        for (String r : rows.subList(1, rows.size())) {
            assertTrue(r.startsWith("running", stateColumn), "aligned, running: " + ps);
            assertTrue(r.matches(".* [0-9.]+/64 .*"), "memory used/reserved: " + r);
        }
        UserProcess json = spawnctl("ps", "-u", "scratch.ns/spawnpoint", "--json");
        assertEquals(0, json.await(60), json.output());
        assertTrue(json.output().contains("\"spawnpoint\": \"scratch.ns/spawnpoint/gamma\",\n      \"name\": \"" + web3
                + "\",\n      \"state\": \"running\""), json.output());

        // Placement: 700 MiB with host networking. alpha has the most room but refuses host networking, gamma has
        // no room by its heartbeat; beta takes it. The config names no entity: one is made, once, for both attempts.
        Path big = Files.writeString(dir.resolve("work/host.yml"), "image: " + IMAGE + "\nrun: [sleep, '600']\nmemAlloc: 700M\ncpuShares: 128\nuseHostNet: true\n");
        UserProcess place = spawnctl("deploy", "-u", "scratch.ns/spawnpoint/*", "-c", big.toString(), "-n", host,
                "--no-tail");
        assertEquals(0, place.await(120), place.output());
        String placed = place.lines.stream().filter(l -> l.startsWith("Placed ")).findFirst().orElseThrow(
                () -> new AssertionError(place.output()));
        assertTrue(placed.startsWith("Placed " + host + " on scratch.ns/spawnpoint/beta (passed over: "), placed);
        assertTrue(placed.contains("scratch.ns/spawnpoint/gamma: its heartbeat shows "), placed);
        assertTrue(placed.contains("scratch.ns/spawnpoint/alpha: refused: Failed to launch service: Spawnpoint alpha"
                + " does not allow use of host network stack"), placed);
        assertTrue(placed.indexOf("/gamma:") < placed.indexOf("/alpha:"), "gamma passed over, then alpha tried");
        assertTrue(place.output().contains("Deployment complete."), place.output());
        assertEquals(1, place.lines.stream().filter(l -> l.startsWith("Made entity ") && l.endsWith(" for " + host
                + " once, the same for every spawnpoint tried")).count(), place.output());
        until(List.of("beta        " + host), 60, "ps", "-u", "scratch.ns/spawnpoint");

        // Constraints nobody meets: exit 1, each spawnpoint's reason listed.
        UserProcess none = spawnctl("deploy", "-u", "scratch.ns/spawnpoint/*", "--where", "zone=z", "-c",
                big.toString(), "-n", host + "x");
        assertEquals(ExitCodes.FAILURE, none.await(60), none.output());
        assertTrue(none.output().contains("no spawnpoint took it:"), none.output());
        for (String sp : List.of("alpha", "beta", "gamma")) {
            assertTrue(none.output().contains("scratch.ns/spawnpoint/" + sp + ": metadata zone="), none.output());
        }

        // How long fleet() takes once connected (two queries), as a figure for the report; noisy on a shared host.
        try (SpawnClient c = SpawnClients.open("127.0.0.1:" + port, dir.resolve("keys/user.key"))) {
            long best = Long.MAX_VALUE;
            for (int i = 0; i < 5; i++) {
                long t0 = System.nanoTime();
                Fleet f = c.fleet("scratch.ns/spawnpoint");
                best = Math.min(best, System.nanoTime() - t0);
                assertEquals(5, f.services().size(), f.toString());
            }
            System.out.println("fleet() of 3 spawnpoints, 5 services: best of 5 " + best / 1_000_000 + " ms");
        }
        System.out.println("ps:\n" + ps + "\nplacement: " + placed);
    }
}
