package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Our router as it ships: {@code bin/bw2 init} makes the namespace {@code bench.ns} and the entities {@code bench},
 * {@code spawnd} and {@code user} (each granted PC*L on bench.ns/*, so every publish and subscribe is checked against
 * a DOT: permissions are on), then {@code bin/bw2 router} runs with bin/bw2's JVM defaults and a config of its own.
 */
public final class OurRouter {
    /** The namespace alias every benchmark topic lives under. */
    public static final String NAMESPACE = "bench.ns";

    private OurRouter() {
    }

    /**
     * The router's settings besides listen and data: queues deep enough that a pipelined burst is measured rather
     * than cut off (the shipped 4096 cancels a subscription that falls 4096 messages behind, as the Go router does),
     * and connections per address for the drills' 50 clients on one loopback address.
     */
    static final String SETTINGS = "subscriptionQueue = 1048576\nmaxConnectionsPerAddress = 1000\n";

    /** Makes the namespace in {@code dir} and returns the router, not started. */
    public static Broker create(Path root, Path dir) throws IOException, InterruptedException {
        Path data = dir.resolve("data");
        Path keys = keys(dir);
        if (!Files.exists(keys.resolve("bench.key"))) {
            run(List.of(root.resolve("bin/bw2").toString(), "init", "--data", data.toString(), "--out",
                    keys.toString(), "--alias", NAMESPACE, "--entity", "bench", "--entity", "spawnd", "--entity",
                    "user"), dir.resolve("bw2-init.log"));
        }
        int port = Broker.freePort();
        Path config = dir.resolve("bw2.properties");
        Files.writeString(config, "listen = 127.0.0.1:" + port + "\ndata = " + data + "\n" + SETTINGS);
        byte[] key = Files.readAllBytes(keys.resolve("bench.key"));
        return new Broker("router", new BosswaveProtocol(NAMESPACE, Arrays.copyOfRange(key, 1, key.length)),
                List.of(root.resolve("bin/bw2").toString(), "router", "--config", config.toString()), port,
                dir.resolve("router.log"));
    }

    /** Where {@link #create} puts the key files (NAME.key) of {@code dir}'s namespace. */
    public static Path keys(Path dir) {
        return dir.resolve("keys");
    }

    /** Runs a command to its end (at most 2 minutes), its output to {@code log}; fails with the log on non-zero. */
    static void run(List<String> cmd, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish within 2 minutes");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                    + Files.readString(log));
        }
    }
}
