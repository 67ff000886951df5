package org.spawnpoint.spawnd.bench;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.spawnpoint.spawnd.SpawndMain;

/**
 * {@code spawnd run -c <config>} in its own JVM, started the way {@code bin/spawnd} starts it: spawnd's runtime
 * classpath (see {@link #daemonClasspath()}), the production {@code logback.xml} (not the test one), and the JVM flags
 * chosen for a small footprint unless others are given.
 */
final class SpawndProcess implements AutoCloseable {
    /**
     * The small-footprint flags measured in {@link MemoryBenchmark}; see the report for why each is there. Override
     * with the system property {@code spawnd.bench.jvmFlags} (space separated) to try others.
     */
    static final List<String> SMALL_FOOTPRINT_FLAGS = List.of(
            "-Xss256k", "-XX:+UseSerialGC", "-Xms8m", "-Xmx64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=20",
            "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:ReservedCodeCacheSize=16m",
            "-XX:MaxMetaspaceSize=64m", "-Xshare:auto");

    private final Process process;
    private final Path logFile;

    private SpawndProcess(Process process, Path logFile) {
        this.process = process;
        this.logFile = logFile;
    }

    static List<String> jvmFlags() {
        String custom = System.getProperty("spawnd.bench.jvmFlags");
        if (custom == null) {
            return SMALL_FOOTPRINT_FLAGS;
        }
        return custom.isBlank() ? List.of() : Arrays.asList(custom.trim().split("\\s+"));
    }

    /**
     * Starts spawnd and waits until it serves its slots (its "Spawnpoint Daemon - Version" log line).
     *
     * @param env extra environment, such as {@code MALLOC_ARENA_MAX}
     */
    static SpawndProcess start(Path config, List<String> jvmFlags, Map<String, String> env, Path logFile)
            throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        URL logback = SpawndMain.class.getResource("/logback.xml");
        if (logback != null) {
            cmd.add("-Dlogback.configurationFile=" + logback);
        }
        cmd.addAll(List.of("-cp", daemonClasspath(), SpawndMain.class.getName(), "run", "-c", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
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

    /**
     * spawnd's runtime classpath (main classes and runtime dependencies, as {@code bin/spawnd} has it) from
     * {@code -Dspawnd.bench.daemonClasspath}, which bench.sh sets; otherwise this JVM's test classpath. The difference
     * shows in memory: the JDK keeps the central directory of every jar it searches on the heap.
     */
    static String daemonClasspath() {
        return System.getProperty("spawnd.bench.daemonClasspath", System.getProperty("java.class.path"));
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
