package org.spawnpoint.spawnctl;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClients;

/**
 * Everything a command touches outside itself: streams, environment, clock, working directory, the way to open a
 * {@link SpawnClient}, and the Ctrl-C signal. Tests give their own; {@link #system} is the real one.
 *
 * @param terminal  whether standard output is a terminal (colours are used only then, unless forced)
 * @param interrupt completes when the user presses Ctrl-C
 */
record CtlContext(PrintWriter out, PrintWriter err, BufferedReader in, Function<String, String> env, Clock clock,
                  ZoneId zone, Path workDir, Path home, ClientFactory clients, boolean terminal,
                  CompletableFuture<Void> interrupt) {

    /** Opens a client for a router address (null: {@code $BW2_AGENT} or the default) and an entity file. */
    @FunctionalInterface
    interface ClientFactory {
        SpawnClient open(String router, Path entityFile);
    }

    static CtlContext system(PrintWriter out, PrintWriter err) {
        return new CtlContext(out, err, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                System::getenv, Clock.systemUTC(), ZoneId.systemDefault(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")), SpawnClients::open, System.console() != null,
                new CompletableFuture<>());
    }

    String getenv(String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v;
    }
}
