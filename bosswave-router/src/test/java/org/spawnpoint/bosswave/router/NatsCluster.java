package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A NATS cluster of real {@code nats-server} processes (Debian's package, 2.9) with JetStream, on loopback ephemeral
 * ports, for the cluster ITs. A missing nats-server skips those tests, except under {@code CI=true}, where it fails
 * them ({@code .ci/ensure-peers} installs it).
 */
final class NatsCluster implements AutoCloseable {
    /** One server: its ports, config and process (null while stopped). */
    static final class Node {
        final String name;
        final int clientPort;
        final int routePort;
        final int httpPort;
        final Path config;
        final Path log;
        Process process;

        Node(String name, int clientPort, int routePort, int httpPort, Path config, Path log) {
            this.name = name;
            this.clientPort = clientPort;
            this.routePort = routePort;
            this.httpPort = httpPort;
            this.config = config;
            this.log = log;
        }

        String url() {
            return "nats://127.0.0.1:" + clientPort;
        }
    }

    final List<Node> nodes = new ArrayList<>();

    /** The nats-server binary, or the test is skipped (failed under CI=true) with what to do. */
    static String binary() {
        for (String p : List.of("/usr/sbin/nats-server", "/usr/bin/nats-server", "/usr/local/bin/nats-server")) {
            if (Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        String msg = "nats-server is not installed (apt-get install -y nats-server, or .ci/ensure-peers)";
        if ("true".equals(System.getenv("CI"))) {
            throw new IllegalStateException(msg);
        }
        Assumptions.abort(msg);
        return null;
    }

    /** Starts {@code n} servers routed to each other and waits until JetStream answers on every one. */
    static NatsCluster start(Path dir, int n) throws Exception {
        String bin = binary();
        Files.createDirectories(dir);
        NatsCluster c = new NatsCluster();
        try {
            for (int i = 0; i < n; i++) {
                String name = "n" + (i + 1);
                c.nodes.add(new Node(name, freePort(), freePort(), freePort(), dir.resolve(name + ".conf"),
                        dir.resolve(name + ".log")));
            }
            for (Node node : c.nodes) {
                StringBuilder routes = new StringBuilder();
                for (Node other : c.nodes) {
                    if (other != node) {
                        routes.append(routes.length() == 0 ? "" : ", ").append("nats-route://127.0.0.1:")
                                .append(other.routePort);
                    }
                }
                Files.writeString(node.config, """
                        server_name: %s
                        listen: 127.0.0.1:%d
                        http: 127.0.0.1:%d
                        max_payload: 8MB
                        jetstream { store_dir: "%s", max_memory_store: 64MB, max_file_store: 1GB }
                        cluster { name: bw2-test, listen: 127.0.0.1:%d, routes: [%s] }
                        """.formatted(node.name, node.clientPort, node.httpPort, dir.resolve(node.name + "-js"),
                        node.routePort, routes));
                c.start(node, bin);
            }
            for (Node node : c.nodes) {
                awaitHealthy(node, 60);
            }
            return c;
        } catch (Exception | Error e) {
            c.close();
            throw e;
        }
    }

    void start(Node node, String bin) throws IOException {
        node.process = new ProcessBuilder(bin, "-c", node.config.toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(node.log.toFile())).start();
    }

    /** Starts a stopped node again (same ports, same JetStream store) and waits until it is healthy. */
    void restart(Node node) throws Exception {
        start(node, binary());
        awaitHealthy(node, 60);
    }

    /** Starts every stopped node again, then waits until all are healthy (JetStream needs a quorum to be). */
    void restartStopped() throws Exception {
        List<Node> started = new ArrayList<>();
        for (Node node : nodes) {
            if (node.process == null) {
                start(node, binary());
                started.add(node);
            }
        }
        for (Node node : started) {
            awaitHealthy(node, 60);
        }
    }

    /** SIGKILL: the node is gone at once, as when its machine dies. */
    void kill(Node node) throws InterruptedException {
        node.process.destroyForcibly();
        node.process.waitFor(10, TimeUnit.SECONDS);
        node.process = null;
    }

    /** The running node with the most client connections named {@code name} (from its /connz monitoring page). */
    Node busiest(String name) throws IOException {
        Node best = null;
        int most = -1;
        for (Node node : nodes) {
            if (node.process == null) {
                continue;
            }
            String connz;
            try (var in = URI.create("http://127.0.0.1:" + node.httpPort + "/connz").toURL().openStream()) {
                connz = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            int count = connz.split(java.util.regex.Pattern.quote("\"name\": \"" + name + "\""), -1).length - 1;
            if (count > most) {
                most = count;
                best = node;
            }
        }
        return best;
    }

    List<String> urls() {
        return nodes.stream().map(Node::url).toList();
    }

    private static void awaitHealthy(Node node, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (node.process != null && !node.process.isAlive()) {
                throw new IllegalStateException(node.name + " exited: " + Files.readString(node.log));
            }
            try {
                HttpURLConnection h = (HttpURLConnection) URI.create("http://127.0.0.1:" + node.httpPort + "/healthz")
                        .toURL().openConnection();
                h.setConnectTimeout(500);
                h.setReadTimeout(2000);
                int code = h.getResponseCode();
                if (code == 200) {
                    return;
                }
                last = "HTTP " + code;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(node.name + " not healthy within " + seconds + " s (" + last + "): "
                + Files.readString(node.log));
    }

    static int freePort() throws IOException {
        return TestPorts.free();
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.process != null) {
                node.process.destroy();
            }
        }
        for (Node node : nodes) {
            if (node.process != null) {
                try {
                    if (!node.process.waitFor(10, TimeUnit.SECONDS)) {
                        node.process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
