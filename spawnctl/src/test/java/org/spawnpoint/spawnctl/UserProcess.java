package org.spawnpoint.spawnctl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A program from bin/ run as a user would, with its output (stdout and stderr merged) collected line by line. */
final class UserProcess implements AutoCloseable {
    static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("..").normalize();

    final List<String> lines = new CopyOnWriteArrayList<>();
    final Process process;
    private final String name;

    private UserProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                    lines.add(l);
                }
            } catch (IOException e) {
                // Process ended.
            }
        }, "output of " + name);
        t.setDaemon(true);
        t.start();
    }

    static UserProcess start(Map<String, String> env, String program, String... args) throws IOException {
        return start(env, null, program, args);
    }

    /** As {@link #start(Map, String, String...)}, in working directory {@code cwd} (null: the test's). */
    static UserProcess start(Map<String, String> env, Path cwd, String program, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(ctrlCAsAtATerminal());
        cmd.add(ROOT.resolve("bin").resolve(program).toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        return new UserProcess(program + " " + String.join(" ", args), pb.start());
    }

    /**
     * A prefix that gives the program the default SIGINT disposition a terminal gives. When the tests themselves run
     * as a background job (CI started with '&' or nohup), SIGINT is inherited as ignored, and the JVM then refuses to
     * handle it, so Ctrl-C could not be tested. GNU env resets it.
     */
    static List<String> ctrlCAsAtATerminal() {
        return List.of("env", "--default-signal=INT");
    }

    /** Runs to the end (at most {@code seconds}) and returns the exit code. */
    int await(int seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not end within " + seconds + " s; output:\n" + output());
        }
        Thread.sleep(50);
        return process.exitValue();
    }

    /** Waits for a line matching {@code what}. */
    String awaitLine(Predicate<String> what, String description, int seconds) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (System.currentTimeMillis() < deadline) {
            for (String l : lines) {
                if (what.test(l)) {
                    return l;
                }
            }
            if (!process.isAlive() && lines.stream().noneMatch(what)) {
                Thread.sleep(100);
                if (lines.stream().noneMatch(what)) {
                    throw new AssertionError(name + " ended (exit " + process.exitValue() + ") without " + description
                            + "; output:\n" + output());
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + ": no " + description + " within " + seconds + " s; output:\n" + output());
    }

    /** A free TCP port on loopback. */
    static int freePort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits up to a minute until {@code router} (a process of ours) listens on loopback {@code port}. */
    static void awaitPort(int port, UserProcess router) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!router.process.isAlive()) {
                    throw new AssertionError("router ended:\n" + router.output());
                }
                Thread.sleep(100);
            }
        }
        throw new AssertionError("router not listening on " + port + ":\n" + router.output());
    }

    /** Ctrl-C. */
    void interrupt() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
    }

    String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
