package org.spawnpoint.spawnctl;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.spawnpoint.spawnclient.SpawnClientException;

/** Runs spawnctl through {@code CommandLine.execute} with captured output and a fake client. */
final class CtlHarness {
    static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    final Map<String, String> env = new HashMap<>();
    FakeSpawnClient client = new FakeSpawnClient();
    final List<String> opened = new ArrayList<>();
    final CompletableFuture<Void> interrupt = new CompletableFuture<>();
    final Path workDir;
    final Path home;
    String stdin = "";
    boolean terminal;
    RuntimeException openFailure;
    StringWriter out;
    StringWriter err;

    CtlHarness(Path dir) {
        this.workDir = dir.resolve("work");
        this.home = dir.resolve("home");
        try {
            java.nio.file.Files.createDirectories(workDir);
            java.nio.file.Files.createDirectories(home);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CtlContext ctx = new CtlContext(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), env::get, Clock.fixed(NOW, ZoneOffset.UTC),
                () -> ZoneId.of("UTC"), workDir, home, (router, entity) -> {
                    opened.add(router + " " + entity);
                    if (openFailure != null) {
                        throw openFailure;
                    }
                    return this.client;
                }, terminal, interrupt);
        // As main does: only the requested command is registered when there is one.
        return SpawnCtl.newCommandLine(ctx, SpawnCtl.requestedCommand(args)).execute(args);
    }

    /** Later runs open {@code c} instead. */
    void useClient(FakeSpawnClient c) {
        client = c;
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    static SpawnClientException unreachable() {
        return new SpawnClientException(null, null, "Cannot connect to the BOSSWAVE router at 127.0.0.1:28589: refused",
                new org.spawnpoint.bosswave.ConnectionClosedException("refused"));
    }
}
