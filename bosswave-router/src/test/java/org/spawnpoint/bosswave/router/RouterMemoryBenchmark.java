package org.spawnpoint.bosswave.router;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;
import org.spawnpoint.bosswave.wire.FrameReader;

/**
 * Benchmark harness (not a test): resident memory of a router process started with bin/bw2's JVM defaults, idle, after
 * a burst of pipelined publishes (1 publisher, 1 subscriber, 100-byte payloads), a while after it, and while 120
 * connections each declare a 64 MiB value and send one byte. Build as for RouterBenchmark, then:
 * <pre>java -cp "bosswave-router/target/test-classes:bosswave-router/target/classes:bosswave-router/target/lib/*" \
 *   [-Dbw2.jvm="-Xmx2g ..."] org.spawnpoint.bosswave.router.RouterMemoryBenchmark [messages]</pre>
 * {@code -Dbw2.jvm} replaces bin/bw2's defaults (e.g. {@code -Dbw2.jvm=-Dnone} for the JVM's own defaults).
 */
public final class RouterMemoryBenchmark {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        Path dir = Files.createTempDirectory("bw2-mem");
        Path data = dir.resolve("data");
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("mem.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 0));
        });
        try (RouterProcess p = RouterProcess.start(data, dir, Map.of("subscriptionQueue", "1048576", "maxConnectionsPerAddress", "200"))) {
            System.out.printf("router JVM options: %s%n", System.getProperty("bw2.jvm", RouterProcess.launchDefaults()
                    .toString()));
            burst(p.port, user, 1000);
            Thread.sleep(3000);
            System.out.printf("idle RSS: %.0f MiB%n", p.rssMiB());
            long t0 = System.nanoTime();
            burst(p.port, user, n);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("burst: %,d messages in %.2f s = %,.0f msg/s delivered; RSS right after: %.0f MiB%n",
                    n, secs, n / secs, p.rssMiB());
            Thread.sleep(30_000);
            System.out.printf("RSS 30 s after the burst: %.0f MiB%n", p.rssMiB());
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 120; i++) {
                    Socket s = new Socket("127.0.0.1", p.port);
                    s.getOutputStream().write(("publ 0000000000 " + String.format("%010d", i + 1)
                            + "\nkv uri 67000000\nx").getBytes(StandardCharsets.ISO_8859_1));
                    flood.add(s);
                }
                Thread.sleep(3000);
                System.out.printf("RSS with 120 connections each declaring a 64 MiB value: %.0f MiB%n", p.rssMiB());
            } finally {
                for (Socket s : flood) {
                    s.close();
                }
            }
        }
    }

    /** {@code n} pipelined publishes to one subscriber; returns when all were delivered and acknowledged. */
    static void burst(int port, EntityKey user, int n) throws Exception {
        try (Socket sub = connect(port, user); Socket pub = connect(port, user)) {
            FrameReader subIn = new FrameReader(sub.getInputStream());
            sub.getOutputStream().write(FrameCodec.encode(Frame.builder("subs", 2).kv("uri", "mem.ns/burst")
                    .kv("unpack", "true").build()));
            if (!"okay".equals(subIn.read().kv("status"))) {
                throw new IllegalStateException("subscribe failed");
            }
            FrameReader acks = new FrameReader(pub.getInputStream());
            Thread acker = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        acks.read();
                    }
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            acker.start();
            OutputStream out = new BufferedOutputStream(pub.getOutputStream(), 1 << 16);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        out.write(FrameCodec.encode(Frame.builder("publ", 10 + i).kv("uri", "mem.ns/burst")
                                .po(PayloadObject.of(0x01000000, new byte[100])).build()));
                    }
                    out.flush();
                } catch (IOException e) {
                    e.printStackTrace();
                }
            });
            writer.start();
            for (int i = 0; i < n; i++) {
                subIn.read();
            }
            acker.join();
            writer.join();
        }
    }

    private static Socket connect(int port, EntityKey user) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        FrameReader in = new FrameReader(s.getInputStream());
        in.read(); // helo
        s.getOutputStream().write(FrameCodec.encode(Frame.builder("sete", 1).po(new PayloadObject(50, user.blob()))
                .build()));
        if (!"okay".equals(in.read().kv("status"))) {
            throw new IllegalStateException("sete failed");
        }
        return s;
    }
}
