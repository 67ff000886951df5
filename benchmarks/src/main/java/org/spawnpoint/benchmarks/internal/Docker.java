package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The Docker engine through its own CLI (as a user would use it, and what the deploy figures compare with): the
 * containers of one label, a container's start time and its first log line's time, both the engine's timestamps.
 */
final class Docker {
    /** The image every deploy runs (made by .ci/ensure-images; no build in the figures). */
    static final String IMAGE = "spawnpoint/debian:bookworm";
    static final String INSTANCE_LABEL = "org.spawnpoint.instance";
    static final String SERVICE_LABEL = "org.spawnpoint.service";

    private Docker() {
    }

    static String docker(String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
        cmd.addAll(Arrays.asList(args));
        return Timed.run(cmd, Map.of(), 120).output().trim();
    }

    /** Ids of every container (running or not) carrying {@code label=value}. */
    static List<String> containers(String label, String value) throws IOException, InterruptedException {
        String out = docker("ps", "-aq", "--no-trunc", "--filter", "label=" + label + "=" + value);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** Ids of the running containers carrying {@code label=value}. */
    static List<String> running(String label, String value) throws IOException, InterruptedException {
        String out = docker("ps", "-q", "--no-trunc", "--filter", "label=" + label + "=" + value);
        return out.isEmpty() ? List.of() : List.of(out.split("\\s+"));
    }

    /** A label's value on a container. */
    static String label(String id, String label) throws IOException, InterruptedException {
        return docker("inspect", "-f", "{{index .Config.Labels \"" + label + "\"}}", id);
    }

    /** The engine's State.StartedAt of a container. */
    static Instant startedAt(String id) throws IOException, InterruptedException {
        return Instant.parse(docker("inspect", "-f", "{{.State.StartedAt}}", id));
    }

    /** The engine's timestamp of a container's first log line, waiting up to 10 s for one. */
    static Instant firstLogLine(String id) throws IOException, InterruptedException {
        for (int i = 0; i < 200; i++) {
            String out = docker("logs", "--timestamps", id);
            if (!out.isEmpty()) {
                return Instant.parse(out.split("\\s", 2)[0]);
            }
            Thread.sleep(50);
        }
        throw new IOException("container " + id + " logged nothing within 10 s");
    }

    /** Removes (with volumes) every container carrying {@code label=value}; returns how many. */
    static int removeAll(String label, String value) {
        try {
            List<String> ids = containers(label, value);
            if (!ids.isEmpty()) {
                List<String> cmd = new java.util.ArrayList<>(List.of("rm", "-f", "-v"));
                cmd.addAll(ids);
                docker(cmd.toArray(String[]::new));
            }
            return ids.size();
        } catch (IOException | InterruptedException e) {
            System.err.println("bench: cannot remove the containers labelled " + label + "=" + value + ": " + e);
            return -1;
        }
    }
}
