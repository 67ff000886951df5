package org.spawnpoint.spawnctl;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.spawnclient.model.DaemonHeartbeat;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;

/**
 * The training run for spawnctl's class-data archive (bin/spawnctl runs it once with
 * {@code -XX:ArchiveClassesAtExit}): it walks the paths a real invocation takes (help, parsing, a scan up to the
 * connection, config and payload codecs, output formats) so that their classes are in the archive. It talks to no
 * router: one scan goes to a port that refuses it, another to a {@link TrainingAgent} in this process.
 */
final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws Exception {
        CliLogProvider.install(System.getProperties()); // as SpawnCtl.main: logging through spawnctl's provider
        StringWriter sink = new StringWriter();
        PrintWriter w = new PrintWriter(sink);
        Path tmp = Files.createTempDirectory("spawnctl-cds");
        try {
            Path entity = Files.write(tmp.resolve("training.ent"), new byte[183]);
            CtlContext ctx = new CtlContext(w, w, new BufferedReader(new StringReader("")), name -> null,
                    Clock.systemUTC(), ZoneId::systemDefault, tmp, tmp, SpawnClients::open, false,
                    new CompletableFuture<>());
            w.println(new SpawnCtl.Version().getVersion()[0]);
            SpawnCtl.newCommandLine(ctx).execute("--help");
            SpawnCtl.newCommandLine(ctx).execute("deploy", "--help");
            SpawnCtl.newCommandLine(ctx).execute("-r", "127.0.0.1:1", "-e", entity.toString(), "scan", "training.ns");
            try (TrainingAgent agent = new TrainingAgent()) {
                // The real context and Ctrl-C handling, as SpawnCtl.main sets them up, and its warm-up thread.
                CtlContext real = CtlContext.system(w, w);
                Interrupts.onCtrlC(real.interrupt());
                WarmUp.start("deploy");
                SpawnCtl.newCommandLine(real, "scan").execute("-r", agent.address(), "-e", entity.toString(), "scan",
                        "training.ns/sp");
                // A deploy up to its outcome, with the history written into the training's own home: outside the
                // archive its classes (and the lambda forms they spin) were 10-15 ms of a deploy's main thread.
                Path svc = Files.writeString(tmp.resolve("svc.yml"), "serviceName: training\nentity: "
                        + entity + "\nimage: training/image\nrun: [sh, -c, training]\nmemAlloc: 64M\ncpuShares: 256\n");
                CtlContext deploying = new CtlContext(w, w, new BufferedReader(new StringReader("")),
                        name -> name.equals("SPAWNPOINT_HISTORY_FILE") ? tmp.resolve("history").toString() : null,
                        Clock.systemUTC(), ZoneId::systemDefault, tmp, tmp, SpawnClients::open, false,
                        new CompletableFuture<>());
                SpawnCtl.newCommandLine(deploying, "deploy").execute("-r", agent.address(), "-e", entity.toString(),
                        "deploy", "-u", "training.ns/sp", "-c", svc.toString(), "--no-tail", "--wait", "10s");
            }
            ServiceConfig c = ServiceConfig.parse(new String(ExampleCommand.read("deploy.yml"),
                    java.nio.charset.StandardCharsets.UTF_8)).withServiceName("training");
            ServiceConfig.parse(c.withEntityFile(new byte[] {1}).toYaml());
            // A deploy's own work before it publishes: the include tar, and the entity sealed with it for the
            // spawnpoint's key (BouncyCastle's HPKE). Outside the archive these took 50-130 and 100-190 ms of every
            // deploy (cold JVM, loaded machine).
            Files.writeString(tmp.resolve("params.yml"), "training: true\n");
            byte[] tar = org.spawnpoint.spawnclient.model.IncludedFiles.pack(java.util.List.of("params.yml"),
                    java.util.List.of(), tmp);
            org.spawnpoint.spawnclient.model.SealedEntity.seal(
                    org.spawnpoint.spawnclient.model.SealKeyPair.generate().publicKey(), "training.ns/sp", "training",
                    new byte[183], tar);
            DaemonHeartbeat hb = DaemonHeartbeat.decode(new DaemonHeartbeat("a", 1, 2, 3, 4, 5).encode());
            Style st = new Style(true);
            Formats.seenLine(st, hb.alias(), Instant.now(), true, "training.ns/a", Instant.now(), ZoneId.systemDefault());
            Formats.logLines(st, LogEntry.decode(new LogEntry(1, "a", "b", "c\nd").encode()), ZoneId.systemDefault());
            Json.write(JsonViews.spawnpoint(new org.spawnpoint.spawnclient.Spawnpoint("u", "u", "a", Instant.now(), 1, 1, 1, 1),
                    Instant.now()));
        } finally {
            try (var files = Files.walk(tmp)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
