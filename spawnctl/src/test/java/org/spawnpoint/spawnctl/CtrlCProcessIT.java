package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.testvectors.Vectors;

/** bin/spawnctl as a user runs it: following a log, Ctrl-C (SIGINT) ends it cleanly with exit code 0. */
@Timeout(90)
class CtrlCProcessIT {
    @TempDir
    Path dir;

    @Test
    void ctrlCDuringTailExitsZeroAndUnsubscribes() throws Exception {
        Path launcher = Path.of(System.getProperty("user.dir")).resolve("../bin/spawnctl").normalize();
        assertTrue(Files.isExecutable(launcher), launcher + " missing");
        Path entity = Files.write(dir.resolve("test-entity.ent"),
                Vectors.bytes("test-entity.ent"));
        try (TranscriptAgent agent = new TranscriptAgent("spawnctl-restart.agent.bin")) {
            List<String> cmd = new java.util.ArrayList<>(UserProcess.ctrlCAsAtATerminal());
            cmd.addAll(List.of(launcher.toString(), "-r", agent.address(), "-e", entity.toString(),
                    "tail", "-u", "scratch.ns/spawnpoint/alpha", "-n", "demosvc"));
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            pb.environment().put("SPAWNCTL_CDS", "0");
            Process p = pb.start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                String line = out.readLine();
                assertEquals("Monitoring service log. Press Ctrl-C to quit.", line);
                Process kill = new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start();
                assertEquals(0, kill.waitFor());
                assertTrue(p.waitFor(30, TimeUnit.SECONDS), "spawnctl did not end after SIGINT");
                assertEquals(0, p.exitValue());
                long deadline = System.currentTimeMillis() + 5000;
                while (agent.received.stream().noneMatch(f -> f.command().equals("usub"))
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                assertTrue(agent.received.stream().anyMatch(f -> f.command().equals("usub")), "unsubscribed on Ctrl-C");
            } finally {
                p.destroyForcibly();
            }
        }
    }
}
