package org.spawnpoint.spawnd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code spawnd run -c <config>} in its own JVM, started by {@code bin/spawnd} itself (bench.sh passes a private
 * copy of {@code bin/} and of spawnd's jar and {@code target/lib}, as {@code mvn package} lays them out), so that
 * the figures are those of the shipped daemon: its JVM flags, its environment ({@code MALLOC_ARENA_MAX}), its
 * classpath and its {@code logback.xml}. The flags actually used are read back from {@code /proc/<pid>/cmdline}.
 */
final class SpawndProcess implements AutoCloseable {
    private final Process process;
    private final Path logFile;

    private SpawndProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * The launcher: {@code -Dspawnd.bench.launcher} (bench.sh sets it to its private copy), else {@code bin/spawnd}
     * of the repository holding the working directory.
     */
    static Path launcher() {
        String configured = System.getProperty("spawnd.bench.launcher");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("bin").resolve("spawnd");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no bin/spawnd above " + Path.of("").toAbsolutePath()
                + "; set -Dspawnd.bench.launcher");
    }

    /**
     * Starts spawnd and waits until it serves its slots (its "Spawnpoint Daemon - Version" log line).
     *
     * @param extraJvmFlags added to bin/spawnd's defaults through {@code JAVA_OPTS} (e.g. NMT); the system property
     *                      {@code spawnd.bench.jvmFlags}, when set, replaces the defaults ({@code SPAWND_JAVA_OPTS})
     *                      to try others
     * @param env           extra environment; the rest is inherited
     */
    static SpawndProcess start(Path config, List<String> extraJvmFlags, Map<String, String> env, Path logFile)
            throws Exception {
        List<String> cmd = List.of(launcher().toString(), "run", "-c", config.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        pb.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String replaced = System.getProperty("spawnd.bench.jvmFlags");
        if (replaced != null) {
            pb.environment().put("SPAWND_JAVA_OPTS", replaced);
        }
        List<String> javaOpts = new ArrayList<>(extraJvmFlags);
        String inherited = System.getenv("JAVA_OPTS");
        if (inherited != null && !inherited.isBlank()) {
            javaOpts.add(0, inherited.trim());
        }
        pb.environment().put("JAVA_OPTS", String.join(" ", javaOpts));
        pb.environment().putAll(env);
        SpawndProcess p = new SpawndProcess(pb.start(), logFile);
        try {
            p.awaitOutput("Spawnpoint Daemon - Version", 60_000);
        } catch (Exception e) {
            p.close();
            throw e;
        }
        return p;
    }

    /** The JVM options spawnd runs with (from its command line) and its MALLOC_ARENA_MAX, for the report. */
    String describe() throws IOException {
        List<String> args = Arrays.asList(new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid()),
                "cmdline")), StandardCharsets.UTF_8).split("\\x00"));
        List<String> options = new ArrayList<>();
        for (String a : args.subList(1, args.size())) {
            if (a.equals("-cp") || a.equals("-classpath")) {
                break;
            }
            options.add(a);
        }
        String arenas = "unset";
        for (String e : new String(Files.readAllBytes(Path.of("/proc", String.valueOf(pid()), "environ")),
                StandardCharsets.UTF_8).split("\\x00")) {
            if (e.startsWith("MALLOC_ARENA_MAX=")) {
                arenas = e.substring("MALLOC_ARENA_MAX=".length());
            }
        }
        return "JVM options: " + String.join(" ", options) + "; MALLOC_ARENA_MAX=" + arenas;
    }

    long pid() {
        return process.pid();
    }

    void awaitOutput(String text, long timeoutMillis) throws Exception {
        long end = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < end) {
            if (Files.exists(logFile) && Files.readString(logFile).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("spawnd exited with code " + process.exitValue() + "; its output:\n"
                        + Files.readString(logFile));
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("spawnd did not print '" + text + "' within " + timeoutMillis
                + " ms; its output:\n" + Files.readString(logFile));
    }

    /** A field of {@code /proc/<pid>/status} in kB (VmRSS, VmHWM, RssAnon, RssFile) or a count (Threads). */
    long procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException("no " + field + " in /proc/" + pid() + "/status");
    }

    /** Runs {@code jcmd <pid> <command...>} and returns its output (for NMT summaries and thread dumps). */
    String jcmd(String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
        cmd.add(String.valueOf(pid()));
        cmd.addAll(List.of(command));
        Process j = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(j.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        j.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** SIGTERM (spawnd's shutdown hook leaves the containers running), then SIGKILL after 15 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
