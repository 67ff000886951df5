package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Why spawnd follows container output with its own push parser ({@link HttpResponseParser}, {@link LogStreams})
 * instead of docker-java's {@code logContainerCmd}: what following costs the daemon, three ways, interleaved.
 * <ol>
 *   <li>{@code zerodep}: docker-java's log stream over its zero-dependency transport (the stock set-up);</li>
 *   <li>{@code dj+ours}: docker-java's frame decoding over spawnd's Unix-socket transport (the same parser, pulled
 *       by docker-java's stream thread);</li>
 *   <li>{@code LogStreams}: spawnd's selector thread and push parser.</li>
 * </ol>
 * Every way hands its bytes to the same {@link LogFollower} (lines split, timestamps parsed), as spawnd does.
 * Figures: threads and heap (used after GC) added while following {@code n} chatty containers (LogStreams' one
 * selector thread is started by the warm-up, so it adds 0), and the process CPU time and wall time to read the whole
 * output (about {@code mib} MiB, 100-byte lines) of an exited container. Nothing is asserted.
 * Containers carry the label {@code org.spawnpoint.bench=logfollow-<pid>} and are removed at the end. Usage:
 * {@code mvn -B -o -q -pl spawnd -am package -DskipTests}, then
 * {@code java -cp "spawnd/target/test-classes:spawnd/target/classes:spawnd/target/lib/*"
 * org.spawnpoint.spawnd.backend.docker.LogFollowBenchmark [n=50] [mib=32] [rounds=3]}.
 *
 * <p>Measured 2026-12-02 on the shared 2-core machine (load average about 17), medians of 3 interleaved rounds, 50
 * containers: threads added 50 / 51 / 0, heap added 1775 / 1282 / 136 KiB, CPU to read 32 MiB 1260 / 1060 / 1090 ms
 * (zerodep / dj+ours / LogStreams). Discussed in spawnd/README.md, "Following container output".
 */
public final class LogFollowBenchmark {
    private static final String IMAGE = "spawnpoint/debian:bookworm";
    private static final String LABEL = "org.spawnpoint.bench";

    private LogFollowBenchmark() {
    }

    /** One way to follow: starts following a container, returns what stops it. */
    private interface Way {
        AutoCloseable follow(String id, boolean follow, Runnable onEnd, AtomicLong bytes) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 32;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path socket = Path.of("/var/run/docker.sock");
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost("unix://" + socket).build();
        DockerClient ours = DockerClientImpl.getInstance(config, new UnixSocketHttpClient(socket));
        DockerClient zerodep = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create("unix://" + socket)).maxConnections(1024).build());
        LogStreams streams = new LogStreams(socket);
        String label = "logfollow-" + ProcessHandle.current().pid();
        List<String> ids = new ArrayList<>();
        List<String> all = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(ours, all)));
        try {
            for (int i = 0; i < n; i++) {
                ids.add(start(ours, label, "while true; do echo tick $(date +%s%N); sleep 1; done"));
                synchronized (all) {
                    all.add(ids.get(i));
                }
            }
            String bulk = start(ours, label, "head -c " + mib * 1024L * 1024 + " /dev/zero | tr '\\0' x | fold -w 99");
            synchronized (all) {
                all.add(bulk);
            }
            ours.waitContainerCmd(bulk).start().awaitStatusCode(5, TimeUnit.MINUTES);
            Map<String, Way> ways = new java.util.LinkedHashMap<>();
            ways.put("zerodep", (id, f, end, bytes) -> dockerJava(zerodep, id, f, end, bytes));
            ways.put("dj+ours", (id, f, end, bytes) -> dockerJava(ours, id, f, end, bytes));
            ways.put("LogStreams", (id, f, end, bytes) -> streams.follow(id, null, new LogFollower(null,
                    l -> bytes.addAndGet(l.text().length() + 1), end)));
            // Warm-up: every way once, untimed.
            for (Way w : ways.values()) {
                bulkRead(w, bulk);
            }
            System.out.printf("%-11s %5s %8s %9s %9s %9s%n", "way", "round", "threads", "heap KiB", "bulk ms",
                    "bulk CPU");
            List<String> order = new ArrayList<>(ways.keySet());
            for (int r = 0; r < rounds; r++) {
                for (String name : order) {
                    Way w = ways.get(name);
                    long[] follow = followMany(w, ids);
                    long[] read = bulkRead(w, bulk);
                    System.out.printf("%-11s %5d %8d %9d %9d %9d%n", name, r, follow[0], follow[1] / 1024, read[0],
                            read[1]);
                }
                java.util.Collections.reverse(order);
            }
        } finally {
            streams.close();
            remove(ours, all);
        }
        System.exit(0);
    }

    /** docker-java's log stream into the same {@link LogFollower} (line splitting, timestamps) LogStreams feeds. */
    private static AutoCloseable dockerJava(DockerClient docker, String id, boolean follow, Runnable onEnd,
                                            AtomicLong bytes) {
        return docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withTimestamps(true)
                .withFollowStream(follow).exec(new LogFollower(null, l -> bytes.addAndGet(l.text().length() + 1),
                        onEnd));
    }

    /** Threads and used heap added while following every container in {@code ids}. */
    private static long[] followMany(Way way, List<String> ids) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long heapBefore = usedHeapAfterGc();
        int threadsBefore = threads.getThreadCount();
        AtomicLong bytes = new AtomicLong();
        List<AutoCloseable> open = new ArrayList<>();
        for (String id : ids) {
            open.add(way.follow(id, true, () -> { }, bytes));
        }
        Thread.sleep(3000); // each container has printed a few lines; every stream is established
        long heap = usedHeapAfterGc() - heapBefore;
        int added = threads.getThreadCount() - threadsBefore;
        for (AutoCloseable c : open) {
            c.close();
        }
        Thread.sleep(1000);
        if (bytes.get() == 0) {
            throw new IllegalStateException("no output arrived: the streams did not work");
        }
        return new long[] {added, heap};
    }

    /** Wall and process CPU milliseconds to read the whole output of the exited container {@code id}. */
    private static long[] bulkRead(Way way, String id) throws Exception {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong bytes = new AtomicLong();
        long cpu = os.getProcessCpuTime();
        long t = System.nanoTime();
        try (AutoCloseable c = way.follow(id, true, done::countDown, bytes)) {
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the output of " + id + " did not end within 5 minutes");
            }
        }
        long wall = (System.nanoTime() - t) / 1_000_000;
        if (bytes.get() < 1024 * 1024) {
            throw new IllegalStateException("only " + bytes.get() + " bytes of output arrived");
        }
        return new long[] {wall, (os.getProcessCpuTime() - cpu) / 1_000_000};
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static String start(DockerClient docker, String label, String script) {
        String id = docker.createContainerCmd(IMAGE).withCmd("sh", "-c", script).withLabels(Map.of(LABEL, label))
                .exec().getId();
        docker.startContainerCmd(id).exec();
        return id;
    }

    private static void remove(DockerClient docker, List<String> ids) {
        synchronized (ids) {
            for (String id : ids) {
                try {
                    docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
                } catch (RuntimeException ignored) {
                    // already gone
                }
            }
            ids.clear();
        }
    }
}
