package org.spawnpoint.spawnctl.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.Instants;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * Cold-start benchmark harness for {@code bin/spawnctl}: wall time of whole processes, as a user sees it, for
 * {@code java -version} (the JVM floor), {@code spawnctl --help}, and {@code spawnctl scan} against a local agent
 * holding 0, 1 and 100 spawnpoints, with and without the class-data archive. Prints wall-time min / median / p90
 * and the median CPU time (user + system, from {@code /usr/bin/time}) in ms; on a loaded machine the CPU time is the
 * steadier figure.
 *
 * <p>Run: {@code spawnctl/bench.sh detail [runs]} after {@code mvn -DskipTests install}.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("agent")) {
            // Only the agent, for profiling by hand: StartupBench agent N
            try (Agent agent = new Agent()) {
                agent.spawnpoints = Integer.parseInt(args[1]);
                System.out.println(agent.address());
                Thread.sleep(Long.MAX_VALUE);
            }
        }
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        Path spawnctl = root.resolve("bin/spawnctl");
        Path entity = Files.createTempFile("bench", ".ent");
        Files.write(entity, new byte[183]);
        try (Agent agent = new Agent()) {
            System.out.printf(Locale.ROOT, "spawnctl cold start, %d runs each, %d cores, load %s%n", runs,
                    Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.printf(Locale.ROOT, "%-44s %8s %8s %8s %8s%n", "command (ms)", "min", "median", "p90", "cpu");
            // Warm the page cache and make the class-data archive once.
            run(List.of(spawnctl.toString(), "--help"), Map.of());
            row("java -version (JVM floor)", runs, List.of("java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-version"), Map.of());
            for (String cds : List.of("1", "0")) {
                String tag = cds.equals("1") ? "" : " [no CDS]";
                Map<String, String> env = Map.of("SPAWNCTL_CDS", cds);
                row("spawnctl --help" + tag, runs, List.of(spawnctl.toString(), "--help"), env);
                for (int n : new int[] {0, 1, 100}) {
                    agent.spawnpoints = n;
                    row("spawnctl scan, " + n + " spawnpoint(s)" + tag, runs, List.of(spawnctl.toString(), "-r",
                            agent.address(), "-e", entity.toString(), "scan", "bench.ns/sp"), env);
                }
            }
        } finally {
            Files.deleteIfExists(entity);
        }
    }

    private static void row(String name, int runs, List<String> cmd, Map<String, String> env) throws Exception {
        long[] ms = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long[] r = timed(cmd, env);
            ms[i] = r[0];
            cpu[i] = r[1];
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-44s %8d %8d %8d %8d%n", name, ms[0], ms[runs / 2],
                ms[(int) Math.ceil(runs * 0.9) - 1], cpu[runs / 2]);
    }

    private static long run(List<String> cmd, Map<String, String> env) throws Exception {
        return timed(cmd, env)[0];
    }

    /** Wall ms, and CPU ms as /usr/bin/time reports it (user + system, 10 ms resolution). */
    private static long[] timed(List<String> cmd, Map<String, String> env) throws Exception {
        List<String> full = new ArrayList<>(List.of("/usr/bin/time", "-f", "@@cpu %U %S"));
        full.addAll(cmd);
        ProcessBuilder pb = new ProcessBuilder(full).redirectErrorStream(true);
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        byte[] output = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        String text = new String(output);
        if (rc != 0) {
            throw new IllegalStateException(cmd + " exited " + rc + ": " + text);
        }
        String[] cpu = text.substring(text.lastIndexOf("@@cpu ") + 6).trim().split("\\s+");
        long cpuMs = Math.round((Double.parseDouble(cpu[0]) + Double.parseDouble(cpu[1])) * 1000);
        return new long[] {ms, cpuMs};
    }

    /** Answers sete, and heartbeat queries with {@link #spawnpoints} spawnpoints; everything else is empty. */
    static final class Agent implements AutoCloseable {
        private final ServerSocket server;
        volatile int spawnpoints;

        Agent() throws IOException {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(this::acceptLoop, "bench-agent");
            t.setDaemon(true);
            t.start();
        }

        String address() {
            return "127.0.0.1:" + server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    Thread t = new Thread(() -> serve(s), "bench-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void serve(Socket s) {
            try (s; InputStream in = s.getInputStream(); OutputStream out = new java.io.BufferedOutputStream(s.getOutputStream(), 1 << 16)) {
                s.setTcpNoDelay(true);
                out.write(FrameCodec.encode(Frame.builder("helo", 1298498081).kv("version", "2.8.0 'Lepton'").build()));
                out.flush();
                FrameReader r = new FrameReader(in);
                for (Frame f = r.read(); f != null; f = r.read()) {
                    long seq = f.seqNo();
                    List<Frame> reply = new ArrayList<>();
                    switch (f.command()) {
                        case "sete" -> reply.add(Frame.builder("resp", seq).kv("status", "okay").kv("finished", "true")
                                .kv("status", "okay").kv("vk", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=").build());
                        case "quer" -> {
                            reply.add(Frame.builder("resp", seq).kv("status", "okay").kv("finished", "false").build());
                            if (f.kv("uri").endsWith(SpawnUris.HEARTBEAT_SUFFIX)) {
                                for (int i = 0; i < spawnpoints; i++) {
                                    reply.add(heartbeat(seq, "sp" + i));
                                }
                            }
                            reply.add(Frame.builder("rslt", seq).kv("finished", "true").build());
                        }
                        default -> reply.add(Frame.builder("resp", seq).kv("status", "okay").kv("finished", "true").build());
                    }
                    for (Frame x : reply) {
                        out.write(FrameCodec.encode(x));
                    }
                    out.flush();
                }
            } catch (IOException e) {
                // Client finished.
            }
        }

        private static Frame heartbeat(long seq, String alias) {
            DaemonHeartbeat hb = new DaemonHeartbeat(alias, Instants.toNanos(Instant.now()), 8192, 4096, 4096, 2048);
            return Frame.builder("rslt", seq).kv("finished", "false").kv("from", "r_iK_FKsSPERZhPUYvgd7J3qGyz7KVcx6NXvjf3G0TM=")
                    .kv("uri", "vVIfdl6Oh5w1zPnjfFjmdABX-K9hRoygh5WyiCNUpsc=/sp/" + alias + SpawnUris.HEARTBEAT_SUFFIX)
                    .po(hb.toPayloadObject()).build();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
