package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code spawnctl deploy} of a cached image next to {@code docker run -d} and docker-java's create+start of the same
 * image, command and limits (64 MiB, 256 CPU shares), interleaved and rotating which goes first: wall time from the command's start to the
 * engine's {@code State.StartedAt} and to the engine's timestamp of the container's first log line. Then spawnd's
 * resident memory and CPU share (its heartbeats) with 0, 10 and (full run) 50 services, and the spawnd kill -9 drill
 * with those services.
 */
final class DeploySuite {
    /** Prints a line at once, then waits for TERM (and exits at once on it, so that cleanup is quick). */
    private static final String SCRIPT = "echo first line; trap 'exit 0' TERM; sleep 3600 & wait";
    private static final List<String> COMMAND = List.of("sh", "-c", SCRIPT);
    private static final String CTL = "spawnctl deploy";
    private static final String RUN = "docker run -d";
    private static final String JAVA = "docker-java create+start";

    private DeploySuite() {
    }

    static List<Row> run(Path root, Path work, boolean quick) throws Exception {
        Path dir = Files.createDirectories(work.resolve("deploy"));
        String baseline = "bench-" + Long.toHexString(System.nanoTime() & 0xffffffffL) + "-docker-run";
        List<Row> rows = new ArrayList<>();
        try (Broker router = OurRouter.create(root, dir).start(); Spawnd spawnd = new Spawnd(root, dir, router);
             DockerJava dockerJava = DockerJava.connect(baseline)) {
            Thread cleanup = new Thread(() -> {
                Docker.removeAll(Docker.INSTANCE_LABEL, spawnd.instance);
                Docker.removeAll(Docker.INSTANCE_LABEL, baseline);
            }, "bench-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                Docker.docker("image", "inspect", "-f", "{{.Id}}", Docker.IMAGE); // fails clearly when missing
                spawnd.start();
                int settle = quick ? 3 : 10;
                List<Row> footprint = new ArrayList<>(footprint(spawnd, settle));
                List<String> subjects = List.of(CTL, RUN, JAVA);
                Series running = new Series(subjects);
                Series firstLine = new Series(subjects);
                Series command = new Series(subjects);
                Series own = new Series(List.of("spawnd", JAVA, RUN));
                String[] ctl = {root.resolve("bin/spawnctl").toString(), "-r", "127.0.0.1:" + router.port(), "-e",
                        OurRouter.keys(dir).resolve("user.key").toString()};
                // unmeasured: page cache, spawnctl's class-data archive, spawnd's first deploy, docker-java's JIT
                deploy(ctl, dir, spawnd, "warm");
                dockerRun(baseline, "warm");
                dockerJava.createStart(Docker.IMAGE, COMMAND);
                int rounds = quick ? 3 : 9;
                for (int r = 1; r <= rounds; r++) {
                    Map<String, Instant[]> t = new HashMap<>();
                    for (String s : Interleave.order(subjects, r)) {
                        t.put(s, switch (s) {
                            case CTL -> deploy(ctl, dir, spawnd, "d" + r);
                            case RUN -> dockerRun(baseline, "b" + r);
                            default -> dockerJava.createStart(Docker.IMAGE, COMMAND);
                        });
                    }
                    for (String s : subjects) {
                        running.add(s, millis(t.get(s)[0], t.get(s)[1]));
                        firstLine.add(s, millis(t.get(s)[0], t.get(s)[2]));
                        command.add(s, millis(t.get(s)[0], t.get(s)[3]));
                    }
                    own.add("spawnd", spawnd.ownShareMillis("d" + r));
                    own.add(JAVA, millis(t.get(JAVA)[0], t.get(JAVA)[3]));
                    own.add(RUN, millis(t.get(RUN)[0], t.get(RUN)[3]));
                    RouterSuite.log("deploy round %d: to running, spawnctl %.0f ms, docker run %.0f ms, docker-java "
                            + "%.0f ms", r, millis(t.get(CTL)[0], t.get(CTL)[1]), millis(t.get(RUN)[0],
                            t.get(RUN)[1]), millis(t.get(JAVA)[0], t.get(JAVA)[1]));
                }
                Docker.removeAll(Docker.INSTANCE_LABEL, baseline);
                rows.add(running.row("deploy", "command start → container running (engine StartedAt)", "ms"));
                rows.add(firstLine.row("deploy", "command start → first log line (engine timestamp)", "ms"));
                rows.add(command.row("deploy", "command start → command returned", "ms")
                        .withNote("spawnctl deploy --no-tail returns once spawnd reports the start"));
                rows.add(own.row("deploy", "spawnd's own share: config received → started", "ms")
                        .withNote("spawnd's log, Booting service → Container (re)start successful; peers: "
                                + "docker-java create+start (call to start returned) and the whole docker run -d "
                                + "(CLI create + start)"));
                for (int target : quick ? new int[] {10} : new int[] {10, 50}) {
                    topUp(ctl, dir, spawnd, target);
                    footprint.addAll(footprint(spawnd, settle));
                }
                rows.addAll(footprint);
                rows.add(SpawndDrills.killWithServices(spawnd, quick ? 5 : 15));
                rows.add(SpawndDrills.killDuringBurst(router, spawnd, dir, quick ? 10 : 20, quick ? 5 : 15));
            } finally {
                Docker.removeAll(Docker.INSTANCE_LABEL, baseline);
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
        return rows;
    }

    private static double millis(Instant from, Instant to) {
        return Duration.between(from, to).toNanos() / 1e6;
    }

    private static Path serviceConfig(Path dir, String name) throws IOException {
        Path f = dir.resolve("svc-" + name + ".yml");
        // spawnctl reads the entity file and sends its bytes with the config
        Files.writeString(f, "serviceName: " + name + "\nentity: " + OurRouter.keys(dir).resolve("user.key")
                + "\nimage: " + Docker.IMAGE
                + "\nrun: [sh, -c, \"" + SCRIPT + "\"]\nmemAlloc: 64M\ncpuShares: 256\n");
        return f;
    }

    /** {@code spawnctl deploy --no-tail}; returns {start, StartedAt, first log line, command returned}. */
    private static Instant[] deploy(String[] ctl, Path dir, Spawnd spawnd, String name) throws Exception {
        Path cfg = serviceConfig(dir, name);
        List<String> cmd = new ArrayList<>(List.of(ctl));
        cmd.addAll(List.of("deploy", "-u", Spawnd.PATH, "-c", cfg.toString(), "--no-tail", "--wait", "2m"));
        Instant t0 = Instant.now();
        // Its deploy history goes with the run, not into the user's ~/.spawnpoint_history.
        Timed.run(cmd, Map.of("SPAWNPOINT_HISTORY_FILE", dir.resolve("history").toString()), 180);
        Instant returned = Instant.now();
        String id = serviceContainer(spawnd, name);
        return new Instant[] {t0, Docker.startedAt(id), Docker.firstLogLine(id), returned};
    }

    private static String serviceContainer(Spawnd spawnd, String name) throws Exception {
        for (String id : Docker.containers(Docker.INSTANCE_LABEL, spawnd.instance)) {
            if (Docker.label(id, Docker.SERVICE_LABEL).equals(name)) {
                return id;
            }
        }
        throw new IOException("spawnctl deploy of " + name + " returned but no container of it exists");
    }

    /** {@code docker run -d} of the same image, command and limits; returns the same instants as deploy. */
    private static Instant[] dockerRun(String label, String name) throws Exception {
        Instant t0 = Instant.now();
        String id = Docker.docker("run", "-d", "--label", Docker.INSTANCE_LABEL + "=" + label, "--memory", "64m",
                "--cpu-shares", String.valueOf(DockerJava.CPU_SHARES), Docker.IMAGE, "sh", "-c", SCRIPT);
        Instant returned = Instant.now();
        return new Instant[] {t0, Docker.startedAt(id), Docker.firstLogLine(id), returned};
    }

    /** Deploys services m<k> (3 at a time) until spawnd runs {@code target} of them. */
    private static void topUp(String[] ctl, Path dir, Spawnd spawnd, int target) throws Exception {
        int have = Docker.running(Docker.INSTANCE_LABEL, spawnd.instance).size();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Instant[]>> jobs = new ArrayList<>();
            for (int k = have; k < target; k++) {
                String name = "m" + k;
                jobs.add(pool.submit(() -> deploy(ctl, dir, spawnd, name)));
            }
            for (Future<Instant[]> f : jobs) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /** spawnd's VmRSS after settling, and its CPU share over the next seconds (idle: heartbeats only). */
    private static List<Row> footprint(Spawnd spawnd, int settleSeconds) throws Exception {
        Thread.sleep(settleSeconds * 1000L); // the deploys' garbage collected and the heap trimmed
        double c0 = Proc.cpuSeconds(spawnd.pid());
        Thread.sleep(settleSeconds * 1000L);
        double share = (Proc.cpuSeconds(spawnd.pid()) - c0) / settleSeconds * 100;
        double mib = Proc.rssMiB(spawnd.pid());
        int n = Docker.running(Docker.INSTANCE_LABEL, spawnd.instance).size();
        RouterSuite.log("spawnd with %d services: %.1f MiB, %.2f%% of a core", n, mib, share);
        String peer = n == 0 ? "Go spawnd 0.2: 12.5 MiB idle, quoted from issue 17, not measured (cannot be "
                + "built here: README, The Go peers)" : "";
        return List.of(
                Row.measured("footprint", "spawnd RSS with " + n + " services", "MiB", Stats.of(mib), Map.of())
                        .withNote(peer),
                Row.measured("footprint", "spawnd CPU with " + n + " services, idle (heartbeats), over "
                        + settleSeconds + " s", "% of a core", Stats.of(share), Map.of()));
    }
}
