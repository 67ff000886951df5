package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/spawnd run -c <config>} as shipped (its JVM defaults), on our router, as spawnpoint
 * {@code bench.ns/spawnpoint/bench}; its containers carry the instance label set here, so that they can be removed
 * whatever happened.
 */
final class Spawnd implements AutoCloseable {
    static final String PATH = OurRouter.NAMESPACE + "/spawnpoint/bench";
    /** The pools spawnd is given: room for every service the suite deploys (64 MiB, 256 shares each). */
    static final long POOL_MIB = 16_384;
    static final long POOL_SHARES = 65_536;
    private final Path root;
    private final Path config;
    private final Path log;
    final String instance;
    private Process process;

    Spawnd(Path root, Path dir, Broker router) throws IOException {
        this.root = root;
        this.instance = "bench-" + Long.toHexString(System.nanoTime() & 0xffffffffL) + "-spawnd";
        Path state = Files.createDirectories(dir.resolve("state"));
        // spawnd keeps its instance id in its state directory: set it first, so cleanup knows it in every case
        Files.writeString(state.resolve("instance-id"), instance + "\n");
        this.config = dir.resolve("spawnd.yml");
        Files.writeString(config, "entity: " + OurRouter.keys(dir).resolve("spawnd.key") + "\nalias: bench\npath: "
                + PATH + "\nlocalRouter: 127.0.0.1:" + router.port() + "\nmemAlloc: " + POOL_MIB + "M\ncpuShares: "
                + POOL_SHARES + "\n"
                + "stateDir: " + state + "\n");
        this.log = dir.resolve("spawnd.log");
    }

    /** Starts spawnd and waits until it serves its slots (its version line), at most 60 s; returns the ms taken. */
    double start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        long from = Files.exists(log) ? Files.size(log) : 0;
        process = Reaper.watch(new ProcessBuilder(List.of(root.resolve("bin/spawnd").toString(), "run", "-c",
                config.toString())).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).substring((int) from).contains("Spawnpoint Daemon - Version")) {
                return (System.nanoTime() - t0) / 1e6;
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IOException("spawnd did not come up within 60 s; its log " + log + ":\n" + Files.readString(log));
    }

    /**
     * spawnd's own share of a deploy: from its "Booting service" log line for {@code service} to its "Container
     * (re)start successful" (the daemon's log, ms resolution), in ms.
     */
    double ownShareMillis(String service) throws IOException {
        java.time.LocalTime booting = null;
        for (String line : Files.readAllLines(log)) {
            if (line.endsWith(" " + service + ": [INFO] Booting service")) {
                booting = java.time.LocalTime.parse(line.substring(0, 12));
            } else if (booting != null && line.endsWith(" " + service + ": [SUCCESS] Container (re)start successful")) {
                long ms = java.time.Duration.between(booting, java.time.LocalTime.parse(line.substring(0, 12)))
                        .toMillis();
                return ms < 0 ? ms + 86_400_000 : ms; // across midnight
            }
        }
        throw new IOException("no 'Booting service' then 'Container (re)start successful' of " + service + " in "
                + log);
    }

    /**
     * The pool spawnd reported after its last recovery ("Recovery done: N services adopted, X MiB and Y CPU shares
     * available"): {adopted, MiB available, CPU shares available}, or null if it has not said so.
     */
    long[] lastRecovery() throws IOException {
        java.util.regex.Pattern p = java.util.regex.Pattern.compile(
                "Recovery done: (\\d+) services? adopted, (\\d+) MiB and (\\d+) CPU shares available");
        long[] last = null;
        for (String line : Files.readAllLines(log)) {
            java.util.regex.Matcher m = p.matcher(line);
            if (m.find()) {
                last = new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
            }
        }
        return last;
    }

    /** How many of {@code services} spawnd's log reports started ("Container (re)start successful"). */
    int started(List<String> services) throws IOException {
        String text = Files.readString(log);
        int n = 0;
        for (String s : services) {
            if (text.contains(" " + s + ": [SUCCESS] Container (re)start successful")) {
                n++;
            }
        }
        return n;
    }

    long pid() {
        return process.pid();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        Docker.removeAll(Docker.INSTANCE_LABEL, instance);
    }
}
