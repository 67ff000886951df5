package org.spawnpoint.bosswave.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * Benchmark harness (not a test): encode and decode rates, on the calling thread, of the publish frame bw2bind
 * writes for a 100-byte payload. Run with
 * {@code mvn -q -pl bosswave-wire test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.spawnpoint.bosswave.bench.CodecBenchmark} (optional argument: seconds per measurement).
 */
public final class CodecBenchmark {
    private static volatile Object sink;

    private CodecBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        byte[] payload = new byte[100];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        Frame frame = Frame.builder("publ", 1)
                .kv("autochain", "true")
                .kv("uri", "scratch.ns/spawnpoint/alpha/s.spawnpoint/server/i.spawnpoint/signal/heartbeat")
                .kv("elaborate_pac", "partial")
                .kv("doverify", "true")
                .kv("persist", "false")
                .po(PayloadObject.of(PoNum.STRING, payload))
                .build();
        byte[] encoded = FrameCodec.encode(frame);
        int frameBytes = encoded.length;

        // One stream of many frames, as a reader thread sees them on a socket.
        int perStream = 10_000;
        ByteArrayOutputStream all = new ByteArrayOutputStream(perStream * frameBytes);
        for (int i = 0; i < perStream; i++) {
            all.write(encoded);
        }
        byte[] stream = all.toByteArray();

        System.out.printf(Locale.ROOT, "publish frame with a 100-byte payload: %d bytes on the wire; %s, %d cores%n",
                frameBytes, System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int round = 0; round < 3; round++) {
            String label = round == 0 ? "warm-up " : "round " + round;
            report(label + " encode         ", measure(seconds, () -> sink = FrameCodec.encode(frame), 1), frameBytes);
            report(label + " decode (stream)", measure(seconds, () -> {
                FrameReader r = new FrameReader(new ByteArrayInputStream(stream));
                try {
                    for (int i = 0; i < perStream; i++) {
                        sink = r.read();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, perStream), frameBytes);
            report(label + " decode (single)", measure(seconds, () -> {
                try {
                    sink = FrameCodec.decode(encoded);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }, 1), frameBytes);
        }
    }

    /**
     * Frames per second of this thread's CPU time: runs {@code op} (worth {@code framesPerOp} frames) for about
     * {@code seconds} of CPU. CPU time rather than wall time, so that other load on a shared machine (which steals
     * the core, not the work) does not distort the figure; the wall-clock rate is printed too.
     */
    private static double[] measure(double seconds, Runnable op, int framesPerOp) {
        long budget = (long) (seconds * 1e9);
        long frames = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        long wall0 = System.nanoTime();
        long cpu;
        int batch = Math.max(1, 1000 / framesPerOp);
        do {
            for (int i = 0; i < batch; i++) {
                op.run();
                frames += framesPerOp;
            }
            cpu = THREADS.getCurrentThreadCpuTime() - cpu0;
        } while (cpu < budget);
        long wall = System.nanoTime() - wall0;
        return new double[] {frames * 1e9 / cpu, frames * 1e9 / wall};
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();

    private static void report(String what, double[] rates, int frameBytes) {
        System.out.printf(Locale.ROOT, "%s %,12.0f frames/s %8.1f MB/s per CPU-second   (wall clock: %,12.0f frames/s)%n",
                what, rates[0], rates[0] * frameBytes / 1e6, rates[1]);
    }
}
