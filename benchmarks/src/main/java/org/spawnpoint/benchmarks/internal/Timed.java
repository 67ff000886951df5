package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a whole process as a user would and takes its wall time. */
final class Timed {
    private Timed() {
    }

    /** The result of one run: wall time in ms and everything it printed. */
    record Run(double millis, String output) {
    }

    /** Runs {@code cmd} to its end (at most {@code timeoutSeconds}); fails with its output unless it exits 0. */
    static Run run(List<String> cmd, Map<String, String> env, int timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
        }
        double ms = (System.nanoTime() - t0) / 1e6;
        String text = new String(output, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + text);
        }
        return new Run(ms, text);
    }
}
