package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker in its own process on a loopback port: our router (bin/bw2 router), Mosquitto or nats-server. Its output
 * goes to a log file; {@link #close} stops it (SIGTERM, then SIGKILL after 10 s).
 */
public class Broker implements AutoCloseable {
    private final String name;
    private final Protocol protocol;
    private final List<String> command;
    private final Path log;
    private int port;
    private Process process;

    Broker(String name, Protocol protocol, List<String> command, int port, Path log) {
        this.name = name;
        this.protocol = protocol;
        this.command = List.copyOf(command);
        this.port = port;
        this.log = log;
    }

    /** Starts (or restarts) the process and waits up to 60 s until its port accepts connections. */
    public Broker start() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        process = Reaper.watch(pb.start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return this;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroyForcibly();
                    throw new IOException(name + " did not start (" + String.join(" ", command) + "); its log "
                            + log + ":\n" + tail());
                }
                Thread.sleep(50);
            }
        }
    }

    private String tail() throws IOException {
        List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    public String name() {
        return name;
    }

    public Protocol protocol() {
        return protocol;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public double rssMiB() throws IOException {
        return Proc.rssMiB(pid());
    }

    public double cpuSeconds() throws IOException {
        return Proc.cpuSeconds(pid());
    }

    /** kill -9, and waits until the process is gone. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** A loopback port free right now (the broker binds it a moment later). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
