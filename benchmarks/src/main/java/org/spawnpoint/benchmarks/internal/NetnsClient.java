package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The clients of one router in {@link NetnsDrill}, run inside that router's network namespace ({@code ip netns exec}):
 * subscribes to {@code bench.ns/drill/*}, then publishes on {@code bench.ns/drill/<side>} every period with the wall
 * clock (shared by every namespace), its side and a sequence number in the payload. Prints one line per event, which
 * {@link DrillLog} reads: {@code ready}, {@code pub SEQ SENT_MS ok|err}, {@code recv FROM SEQ SENT_MS RECV_MS}.
 * Runs until killed.
 */
public final class NetnsClient {
    private static final PrintStream OUT = System.out;

    private NetnsClient() {
    }

    /** Arguments: port (on the namespace's loopback), key file, side (one letter), period in ms. */
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        byte[] key = Files.readAllBytes(Path.of(args[1]));
        char side = args[2].charAt(0);
        long period = Long.parseLong(args[3]);
        Broker router = new Broker("router", new BosswaveProtocol(OurRouter.NAMESPACE,
                Arrays.copyOfRange(key, 1, key.length)), List.of(), port, null);
        Client sub = openWhenReady(router);
        Thread reader = new Thread(() -> read(sub), "drill-sub");
        reader.setDaemon(true);
        reader.start();
        line("ready");
        try (Client pub = Client.open(router)) {
            PublishTemplate t = pub.protocol().publish(pub.protocol().topic("drill/" + side), Client.PAYLOAD, false);
            byte[] b = t.bytes();
            for (int seq = 0; ; seq++) {
                long sent = System.currentTimeMillis();
                t.seqNo(10 + seq).stamp(sent);
                b[t.payloadOffset() + 8] = (byte) side;
                for (int i = 0; i < 4; i++) {
                    b[t.payloadOffset() + 9 + i] = (byte) (seq >>> (24 - 8 * i));
                }
                pub.out().write(b);
                pub.out().flush();
                boolean ok = pub.in().awaitReply();
                line("pub " + seq + " " + sent + " " + (ok ? "ok" : "err"));
                Thread.sleep(Math.max(0, period - (System.currentTimeMillis() - sent)));
            }
        }
    }

    /** Router B learns the namespace's DOTs from the cluster: subscribe until it is granted (at most 60 s). */
    private static Client openWhenReady(Broker router) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try {
                Client c = Client.open(router);
                try {
                    c.subscribe("drill/*");
                    c.timeout(0);
                    return c;
                } catch (IOException e) {
                    c.close();
                    throw e;
                }
            } catch (IOException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void read(Client sub) {
        try {
            while (true) {
                if (sub.in().next() == Protocol.Kind.DELIVERY) {
                    long now = System.currentTimeMillis();
                    byte[] buf = sub.in().buffer();
                    int off = sub.in().payloadOffset();
                    int seq = 0;
                    for (int i = 0; i < 4; i++) {
                        seq = seq << 8 | (buf[off + 9 + i] & 0xFF);
                    }
                    line("recv " + (char) buf[off + 8] + " " + seq + " " + PublishTemplate.readStamp(buf, off) + " "
                            + now);
                }
            }
        } catch (IOException e) {
            line("lost " + e.getMessage());
        }
    }

    private static synchronized void line(String s) {
        OUT.println(s);
        OUT.flush();
    }
}
