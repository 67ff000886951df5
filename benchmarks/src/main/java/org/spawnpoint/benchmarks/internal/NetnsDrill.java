package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Two routers on two "hosts" (network namespaces made with {@code ip netns}), a 3-node NATS cluster on a third, joined
 * by veth pairs in 10.213.1.0/30 and 10.213.2.0/30 (addresses that exist only inside these namespaces: no traffic
 * leaves the machine). Each router's clients ({@link NetnsClient}) run in its namespace and publish every 20 ms; the
 * link between router A's namespace and the NATS one is cut ({@code ip link set ... down}) and restored. Everything
 * is named with a prefix of its own ({@code bwd} and 5 random hex digits) and removed at the end, also on failure.
 * Needs root.
 */
final class NetnsDrill {
    private static final int NATS_PORT = 4222;
    private static final int ROUTER_PORT = 28589;
    private static final long PERIOD_MS = 20;

    private final String prefix = String.format("bwd%05x", ThreadLocalRandom.current().nextInt(1 << 20));
    private final String nsNats = prefix + "-n";
    private final String nsA = prefix + "-a";
    private final String nsB = prefix + "-b";
    private final List<Process> processes = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Path dir;

    private NetnsDrill(Path dir) {
        this.dir = dir;
    }

    static Row run(Path root, Path dir, boolean quick) throws Exception {
        NetnsDrill d = new NetnsDrill(dir);
        try {
            return d.drill(root, quick ? 5_000 : 10_000);
        } finally {
            d.cleanUp();
        }
    }

    private Row drill(Path root, long cutMs) throws Exception {
        ip("netns", "add", nsNats);
        created.add(nsNats);
        ip("netns", "add", nsA);
        created.add(nsA);
        ip("netns", "add", nsB);
        created.add(nsB);
        for (String ns : List.of(nsNats, nsA, nsB)) {
            ip("-n", ns, "link", "set", "lo", "up");
        }
        link(nsA, 1);
        link(nsB, 2);
        startNats();
        Path keys = OurRouter.keys(dir.resolve("a"));
        OurRouter.create(root, Files.createDirectories(dir.resolve("a")));
        startRouter(root, nsA, dir.resolve("a"), 1);
        awaitPort(nsA, ROUTER_PORT, 60);
        startRouter(root, nsB, Files.createDirectories(dir.resolve("b")), 2);
        awaitPort(nsB, ROUTER_PORT, 60);
        Path logA = dir.resolve("client-a.log");
        Path logB = dir.resolve("client-b.log");
        client(nsA, keys.resolve("user.key"), 'a', logA);
        client(nsB, keys.resolve("user.key"), 'b', logB);
        awaitText(logA, "ready", 90);
        awaitText(logB, "ready", 90);
        Thread.sleep(3_000); // traffic flows both ways before the cut
        String linkA = prefix + "na";
        long cut = System.currentTimeMillis();
        ip("-n", nsNats, "link", "set", linkA, "down");
        Thread.sleep(cutMs);
        long restore = System.currentTimeMillis();
        ip("-n", nsNats, "link", "set", linkA, "up");
        // wait (at most 60 s) until both directions carry messages sent after the restore, then 3 s for stragglers
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            DrillLog a = DrillLog.parse(Files.readString(logA));
            DrillLog b = DrillLog.parse(Files.readString(logB));
            if (a.firstAfter('b', restore) >= 0 && b.firstAfter('a', restore) >= 0) {
                break;
            }
            Thread.sleep(200);
        }
        Thread.sleep(3_000);
        for (Process p : processes) {
            p.destroy();
        }
        return Row.drill("cluster: link to one router cut (netns)", DrillLog.outcome(DrillLog.parse(Files.readString(
                logA)), DrillLog.parse(Files.readString(logB)), cut, restore));
    }

    /** A veth pair between the NATS namespace (10.213.N.1) and {@code ns} (10.213.N.2). */
    private void link(String ns, int n) throws IOException, InterruptedException {
        String natsEnd = prefix + (n == 1 ? "na" : "nb");
        String otherEnd = prefix + (n == 1 ? "an" : "bn");
        ip("link", "add", natsEnd, "type", "veth", "peer", "name", otherEnd);
        created.add("link:" + natsEnd);
        ip("link", "set", natsEnd, "netns", nsNats);
        ip("link", "set", otherEnd, "netns", ns);
        ip("-n", nsNats, "addr", "add", "10.213." + n + ".1/30", "dev", natsEnd);
        ip("-n", ns, "addr", "add", "10.213." + n + ".2/30", "dev", otherEnd);
        ip("-n", nsNats, "link", "set", natsEnd, "up");
        ip("-n", ns, "link", "set", otherEnd, "up");
    }

    private void startNats() throws Exception {
        String bin = Peers.natsServer();
        for (int i = 0; i < 3; i++) {
            StringBuilder routes = new StringBuilder();
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    routes.append(routes.length() == 0 ? "" : ", ").append("nats-route://127.0.0.1:").append(6222 + j);
                }
            }
            Path conf = dir.resolve("nats" + i + ".conf");
            // listens on every address of its own namespace: the two veth ends and loopback, nothing else
            Files.writeString(conf, """
                    server_name: n%d
                    listen: 0.0.0.0:%d
                    jetstream { store_dir: "%s", max_memory_store: 64MB, max_file_store: 1GB }
                    cluster { name: bw2-drill, listen: 127.0.0.1:%d, routes: [%s] }
                    """.formatted(i, NATS_PORT + i, dir.resolve("nats" + i + "-js"), 6222 + i, routes));
            start(List.of("ip", "netns", "exec", nsNats, bin, "-c", conf.toString()), dir.resolve("nats" + i + ".log"));
        }
        for (int i = 0; i < 3; i++) {
            awaitPort(nsNats, NATS_PORT + i, 30);
        }
    }

    private void startRouter(Path root, String ns, Path rdir, int n) throws Exception {
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            urls.add("nats://10.213." + n + ".1:" + (NATS_PORT + i));
        }
        Path config = rdir.resolve("bw2-cluster.properties");
        Files.writeString(config, "listen = 127.0.0.1:" + ROUTER_PORT + "\ndata = " + rdir.resolve("data") + "\n"
                + OurRouter.SETTINGS + "cluster = " + String.join(",", urls) + "\n");
        start(List.of("ip", "netns", "exec", ns, root.resolve("bin/bw2").toString(), "router", "--config",
                config.toString()), rdir.resolve("router.log"));
    }

    private void client(String ns, Path key, char side, Path log) throws IOException {
        start(List.of("ip", "netns", "exec", ns, Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), NetnsClient.class.getName(),
                Integer.toString(ROUTER_PORT), key.toString(), String.valueOf(side), Long.toString(PERIOD_MS)), log);
    }

    private void start(List<String> cmd, Path log) throws IOException {
        processes.add(Reaper.watch(new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start()));
    }

    /** Waits until {@code port} on {@code ns}'s loopback accepts a connection. */
    private static void awaitPort(String ns, int port, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Process p = new ProcessBuilder("ip", "netns", "exec", ns, "bash", "-c",
                    "exec 3<>/dev/tcp/127.0.0.1/" + port).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0) {
                return;
            }
            p.destroyForcibly();
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on 127.0.0.1:" + port + " in " + ns + " after " + seconds
                        + " s");
            }
            Thread.sleep(200);
        }
    }

    private static void awaitText(Path log, String text, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!Files.exists(log) || !Files.readString(log).contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("no '" + text + "' in " + log + " after " + seconds + " s: "
                        + (Files.exists(log) ? Files.readString(log) : "(no log)"));
            }
            Thread.sleep(200);
        }
    }

    private static void ip(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip()
                    + (out.contains("Operation not permitted") ? " (the drill needs root)" : ""));
        }
    }

    /** Stops every process started here and removes the namespaces and links made here (each on its own). */
    private void cleanUp() {
        for (Process p : processes) {
            p.destroyForcibly();
        }
        for (Process p : processes) {
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = created.size() - 1; i >= 0; i--) {
            String c = created.get(i);
            try {
                if (c.startsWith("link:")) {
                    String name = c.substring(5);
                    // still in the host namespace only when the move failed; else it went with its namespace
                    if (new ProcessBuilder("ip", "link", "show", name).start().waitFor() == 0) {
                        ip("link", "del", name);
                    }
                } else {
                    ip("netns", "del", c);
                }
            } catch (IOException | InterruptedException e) {
                RouterSuite.log("could not remove %s: %s", c, e.getMessage());
            }
        }
    }
}
