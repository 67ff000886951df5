package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * The router in its own JVM is killed with SIGKILL right after acknowledging persists and registry writes; after a
 * restart on the same data directory, all of them are there.
 */
class CrashIT {
    @TempDir
    Path dir;

    private Process startRouter(Path data, int port, Path log) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RouterMain.class.getName(), "router",
                "--listen", "127.0.0.1:" + port, "--data", data.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return p;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    p.destroyForcibly();
                    throw new AssertionError("router process did not start: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void acknowledgedWritesSurviveKillDashNine() throws Exception {
        Path data = dir.resolve("data");
        Path log = dir.resolve("router.log");
        EntityKey ns = Fixture.entity("ns");
        EntityKey user = Fixture.entity("user");
        Fixture.registry(data, r -> {
            r.putEntity(ns.entity());
            r.putEntity(user.entity());
            r.putAlias("crash.ns", ns.entity().vk());
            r.putDot(Fixture.dot(ns, user, ns, "*", "PC*L", 1));
        });
        int port = freePort();
        int n = 300;
        String newEntityBlobHash;
        String dotHash;
        String revokedDot;
        byte[] newEntityBlob;
        Process p = startRouter(data, port, log);
        try {
            try (BosswaveClient c = Bosswave.connect("127.0.0.1:" + port)) {
                c.setEntity(user.blob());
                for (int i = 0; i < n; i++) {
                    c.publish(PublishParams.uri("crash.ns/k/" + i).persist(true)
                            .payload(PayloadObject.ofString("v" + i)));
                }
                c.publish(PublishParams.uri("crash.ns/k/0").persist(true).payload(PayloadObject.ofString("last")));
            }
            try (RawClient raw = new RawClient(port)) {
                raw.setEntity(ns.blob());
                Frame made = raw.callOne(Frame.builder("make", 0).kv("contact", "late"));
                assertEquals("okay", made.kv("status"));
                newEntityBlob = made.pos().get(0).content();
                newEntityBlobHash = made.kv("vk");
                Frame dot = raw.callOne(Frame.builder("makd", 0).kv("to", newEntityBlobHash).kv("uri", "crash.ns/late/*")
                        .kv("accesspermissions", "PC"));
                assertEquals("okay", dot.kv("status"), dot.toString());
                dotHash = dot.kv("hash");
                Frame alias = raw.callOne(Frame.builder("mkla", 0).kv("key", "late.ns").kv("content",
                        ns.entity().vkB64()));
                assertEquals("okay", alias.kv("status"), alias.toString());
                Frame tmp = raw.callOne(Frame.builder("makd", 0).kv("to", newEntityBlobHash).kv("uri", "crash.ns/tmp")
                        .kv("accesspermissions", "P"));
                revokedDot = tmp.kv("hash");
                Frame rev = raw.callOne(Frame.builder("revk", 0).kv("dot", revokedDot).kv("comment", "gone"));
                assertEquals("okay", rev.kv("status"), rev.toString());
            }
        } catch (AssertionError | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertEquals(137, p.exitValue(), "killed by SIGKILL");

        Process again = startRouter(data, port, log);
        try (BosswaveClient c = Bosswave.connect("127.0.0.1:" + port)) {
            c.setEntity(user.blob());
            List<Message> all = c.query(QueryParams.uri("crash.ns/k/+"));
            assertEquals(n, all.size());
            List<String> values = new ArrayList<>();
            for (Message m : all) {
                values.add(m.payloadObjects().get(0).contentAsString());
            }
            assertTrue(values.contains("last"));
            assertTrue(!values.contains("v0"));
            try (BosswaveClient late = Bosswave.connect("127.0.0.1:" + port)) {
                late.setEntity(newEntityBlob);
                late.publish(PublishParams.uri("late.ns/late/x").payload(PayloadObject.ofString("via alias")));
            }
            try (RawClient raw = new RawClient(port)) {
                raw.setEntity(user.blob());
                assertEquals("valid", raw.callOne(Frame.builder("rsro", 0).kv("key", dotHash)).kv("validity"));
                assertEquals("valid", raw.callOne(Frame.builder("rsro", 0).kv("key", newEntityBlobHash)).kv("validity"));
                assertEquals("revoked", raw.callOne(Frame.builder("rsro", 0).kv("key", revokedDot)).kv("validity"));
            }
        } finally {
            again.destroyForcibly();
            again.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
