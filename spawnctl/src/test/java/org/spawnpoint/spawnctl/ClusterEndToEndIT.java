package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many machines (issue 15), as the README's worked example: three NATS nodes, router A with the registry and a
 * spawnpoint on it, router B with an empty data directory, and spawnctl through B only: scan, deploy, tail, stop.
 * Then router A stops: spawnd (localRouter lists A, then B) reconnects through B, subscribes again, and takes a
 * deploy through B. Every program is a separate process started from bin/; nats-server is Debian's
 * (.ci/ensure-peers).
 */
@Timeout(300)
class ClusterEndToEndIT {
    static final String IMAGE = "spawnpoint/debian:bookworm";

    @TempDir
    Path dir;
    private final List<UserProcess> started = new ArrayList<>();
    private final List<Process> nats = new ArrayList<>();
    private final String service = "cl-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> env = new HashMap<>(Map.of("SPAWNCTL_CDS", "0"));

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        for (Process p : nats) {
            p.destroy();
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        new ProcessBuilder("sh", "-c", "ids=$(docker ps -aq --filter label=org.spawnpoint.service=" + service
                + "); [ -z \"$ids\" ] || docker rm -f $ids").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
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

    /** Three nats-server processes with JetStream, routed to each other on loopback; their client URLs. */
    private List<String> natsCluster() throws Exception {
        String bin = List.of("/usr/sbin/nats-server", "/usr/bin/nats-server").stream()
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
        if (bin == null) {
            String msg = "nats-server is not installed (apt-get install -y nats-server, or .ci/ensure-peers)";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(msg);
            }
            Assumptions.abort(msg);
        }
        int[] client = {UserProcess.freePort(), UserProcess.freePort(), UserProcess.freePort()};
        int[] route = {UserProcess.freePort(), UserProcess.freePort(), UserProcess.freePort()};
        int[] http = {UserProcess.freePort(), UserProcess.freePort(), UserProcess.freePort()};
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<String> routes = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                if (k != i) {
                    routes.add("nats-route://127.0.0.1:" + route[k]);
                }
            }
            Path conf = Files.writeString(dir.resolve("n" + i + ".conf"), "server_name: n" + i
                    + "\nlisten: 127.0.0.1:" + client[i] + "\nhttp: 127.0.0.1:" + http[i] + "\nmax_payload: 8MB"
                    + "\njetstream { store_dir: \"" + dir.resolve("js" + i) + "\" }"
                    + "\ncluster { name: bw2-e2e, listen: 127.0.0.1:" + route[i] + ", routes: ["
                    + String.join(", ", routes) + "] }\n");
            nats.add(new ProcessBuilder(bin, "-c", conf.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("n" + i + ".log").toFile())).start());
            urls.add("nats://127.0.0.1:" + client[i]);
        }
        for (int i = 0; i < 3; i++) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!healthy(http[i])) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("nats-server n" + i + " not healthy: "
                            + Files.readString(dir.resolve("n" + i + ".log")));
                }
                Thread.sleep(200);
            }
        }
        return urls;
    }

    private static boolean healthy(int port) {
        try {
            HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/healthz").toURL()
                    .openConnection();
            h.setConnectTimeout(500);
            h.setReadTimeout(2000);
            return h.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private final Map<String, UserProcess> routers = new HashMap<>();

    private UserProcess router(String data, List<String> cluster) throws Exception {
        int port = UserProcess.freePort();
        UserProcess r = start("bw2", "router", "--data", dir.resolve(data).toString(), "--listen",
                "127.0.0.1:" + port, "--cluster", String.join(",", cluster));
        UserProcess.awaitPort(port, r);
        env.put("ROUTER_" + data, "127.0.0.1:" + port);
        routers.put(data, r);
        return r;
    }

    private String scanUntil(String what, int seconds) throws Exception {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        String last = "";
        while (System.currentTimeMillis() < deadline) {
            UserProcess scan = spawnctl("scan", "-u", "cluster.ns/spawnpoint");
            assertEquals(0, scan.await(60), scan.output());
            last = scan.output();
            if (last.contains(what)) {
                return last;
            }
            Thread.sleep(1000);
        }
        throw new AssertionError("scan through router B never showed '" + what + "'; last output:\n" + last);
    }

    @Test
    void spawnctlThroughRouterBDrivesASpawnpointOnRouterA() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        env.put("SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()); // not the user's own
        List<String> cluster = natsCluster();
        UserProcess init = start("bw2", "init", "--data", dir.resolve("a").toString(), "--out",
                dir.resolve("keys").toString(), "--alias", "cluster.ns", "--entity", "spawnd", "--entity", "user");
        assertEquals(0, init.await(120), init.output());
        router("a", cluster);
        router("b", cluster); // an empty data directory: it learns the registry from the cluster
        String a = env.remove("ROUTER_a");
        String b = env.remove("ROUTER_b");

        Path config = Files.writeString(dir.resolve("spawnd.yml"), "entity: " + dir.resolve("keys/spawnd.key")
                + "\nalias: alpha\npath: cluster.ns/spawnpoint/alpha\nlocalRouter: " + a + "," + b
                + "\nmemAlloc: 1G\ncpuShares: 2048\nstateDir: " + dir.resolve("state") + "\n");
        start("spawnd", "run", "-c", config.toString());

        env.put("BW2_AGENT", b);
        String scan = scanUntil("Available Memory: 1024 MB", 90);
        assertTrue(scan.startsWith("Discovered 1 SpawnPoint(s):\n[alpha] seen "), scan);

        Files.writeString(work.resolve("svc.yml"), "entity: " + dir.resolve("keys/user.key") + "\nimage: " + IMAGE
                + "\nrun: [sh, -c, 'echo ready; i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done']"
                + "\nmemAlloc: 128M\ncpuShares: 256\n");
        UserProcess deploy = spawnctl("deploy", "-u", "cluster.ns/spawnpoint/alpha", "-c", "svc.yml", "-n", service);
        deploy.awaitLine(l -> l.contains("Deployment complete, tailing log. Ctrl-C to quit."), "the tail banner", 120);
        deploy.awaitLine(l -> l.endsWith("alpha::" + service + " > ready"), "the service's output through B", 120);
        deploy.interrupt();
        assertEquals(0, deploy.await(30), deploy.output());

        UserProcess tail = spawnctl("tail", "-u", "cluster.ns/spawnpoint/alpha", "-n", service);
        tail.awaitLine(l -> l.contains("alpha::" + service + " > tick"), "tail through B", 60);
        tail.interrupt();
        assertEquals(0, tail.await(30), tail.output());

        UserProcess stop = spawnctl("stop", "-u", "cluster.ns/spawnpoint/alpha", "-n", service);
        stop.awaitLine(l -> l.endsWith("alpha::" + service + " > [SUCCESS] Service stopped"), "spawnd's report", 60);
        assertEquals(0, stop.await(30), stop.output());

        // Router A goes: spawnd carries on through B, subscribed again, and takes a deploy from there.
        routers.get("a").close();
        UserProcess again = null;
        long deadline = System.currentTimeMillis() + 90_000;
        while (System.currentTimeMillis() < deadline) {
            again = spawnctl("deploy", "-u", "cluster.ns/spawnpoint/alpha", "-c", "svc.yml", "-n", service,
                    "--no-tail", "--wait", "30s");
            if (again.await(60) == 0) {
                break;
            }
            Thread.sleep(2000); // spawnd has not reconnected yet: its subscriptions are not on B
        }
        assertEquals(0, again.await(5), "a deploy through B after router A stopped:\n" + again.output());
        assertTrue(again.output().contains("Deployment complete"), again.output());
        UserProcess stopAgain = spawnctl("stop", "-u", "cluster.ns/spawnpoint/alpha", "-n", service);
        stopAgain.awaitLine(l -> l.endsWith("> [SUCCESS] Service stopped"), "spawnd's report through B", 60);
        System.out.println("through router B:\n" + scan + "\n" + deploy.output() + "\n" + stop.output());
    }
}
