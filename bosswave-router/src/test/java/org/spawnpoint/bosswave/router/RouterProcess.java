package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A router in its own JVM with bin/bw2's JVM defaults (so that its resident memory is what a deployed router's would
 * be), on the test classpath; its output goes to a log file. For ITs and the memory benchmark.
 */
final class RouterProcess implements AutoCloseable {
    final Process process;
    final int port;
    final Path log;

    private RouterProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** bin/bw2's default JVM options (the {@code defaults="..."} line). */
    static List<String> launchDefaults() throws IOException {
        Path script = Path.of("bin/bw2").toAbsolutePath();
        if (!Files.exists(script)) {
            script = Path.of("../bin/bw2").toAbsolutePath();
        }
        String text = Files.readString(script).replace("\\\n", " ");
        Matcher m = Pattern.compile("(?m)^defaults=\"([^\"]*)\"").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no defaults=\"...\" line in " + script);
        }
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }

    /** Starts {@code bw2 router} on a free loopback port with {@code settings} as its config file. */
    static RouterProcess start(Path data, Path dir, Map<String, String> settings) throws Exception {
        int port = freePort();
        Path config = dir.resolve("bw2-" + port + ".properties");
        StringBuilder props = new StringBuilder("listen = 127.0.0.1:" + port + "\ndata = " + data + "\nfsync = false\n");
        settings.forEach((k, v) -> props.append(k).append(" = ").append(v).append('\n'));
        Files.writeString(config, props);
        Path log = dir.resolve("router-" + port + ".log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String override = System.getProperty("bw2.jvm");
        cmd.addAll(override != null ? Arrays.asList(override.trim().split("\\s+")) : launchDefaults());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), RouterMain.class.getName(), "router",
                "--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return new RouterProcess(p, port, log);
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError("router process did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    static int freePort() throws IOException {
        return TestPorts.free();
    }

    /** Resident set size in MiB, from /proc. */
    double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmRSS for " + process.pid());
    }

    String logText() throws IOException {
        return Files.readString(log);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
