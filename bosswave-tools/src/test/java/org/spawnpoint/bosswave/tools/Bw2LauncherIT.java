package org.spawnpoint.bosswave.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/bw2 as a user runs it (after this module's package phase, which copies its runtime classpath to target/lib):
 * the version, {@code init}, {@code router}, and a registry write with {@code --agent}, which needs the client that
 * only this module puts on bw2's classpath.
 */
class Bw2LauncherIT {
    private static final Path BW2 = Path.of("..", "bin", "bw2").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    private Result bw2(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(BW2.toString()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("bw2-" + System.nanoTime() + ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("bw2 " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void everySubcommandRunsFromTheLauncher() throws Exception {
        Result version = bw2("--version");
        assertEquals(0, version.code(), version.output());
        assertTrue(version.output().startsWith("bw2 "), version.output());

        Path data = dir.resolve("data");
        Path keys = dir.resolve("keys");
        Result init = bw2("init", "--data", data.toString(), "--out", keys.toString(), "--alias", "launch.ns",
                "--entity", "user");
        assertEquals(0, init.code(), init.output());

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path log = dir.resolve("router.log");
        Process router = new ProcessBuilder(BW2.toString(), "router", "--data", data.toString(), "--listen",
                "127.0.0.1:" + port).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            awaitPort(router, port, log);
            Path svc = dir.resolve("svc.key");
            Result mk = bw2("mkentity", "--agent", "127.0.0.1:" + port, "-k", keys.resolve("user.key").toString(),
                    "-o", svc.toString());
            assertEquals(0, mk.code(), mk.output());
            assertTrue(Files.isRegularFile(svc), mk.output());
            Result inspect = bw2("inspect", svc.toString());
            assertEquals(0, inspect.code(), inspect.output());
            assertTrue(inspect.output().contains(mk.output().split(" ")[0]), inspect.output());
        } finally {
            router.destroy();
            if (!router.waitFor(20, TimeUnit.SECONDS)) {
                router.destroyForcibly();
            }
        }
        Result bad = bw2("mkalias", "--alias", "x");
        assertEquals(2, bad.code(), "a usage error exits 2: " + bad.output());
    }

    private static void awaitPort(Process p, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    throw new AssertionError("bw2 router did not listen on " + port + ": " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
    }
}
