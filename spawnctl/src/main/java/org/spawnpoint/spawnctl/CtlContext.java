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
import java.util.function.Supplier;
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
                  Supplier<ZoneId> zones, Path workDir, Path home, ClientFactory clients, boolean terminal,
                  CompletableFuture<Void> interrupt) {

    /** Opens a client for a router address (null: {@code $BW2_AGENT} or the default) and an entity file. */
    @FunctionalInterface
    interface ClientFactory {
        SpawnClient open(String router, Path entityFile);
    }

    /*
     * The real context. No lambdas or method references here and nothing computed before it is needed: the first
     * lambda of a JVM and the time-zone database each cost tens of milliseconds of start-up, which --help and
     * most errors never need.
     */
    static CtlContext system(PrintWriter out, PrintWriter err) {
        return new CtlContext(out, err, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new SystemEnv(), Clock.systemUTC(), new SystemZone(), Path.of("").toAbsolutePath(),
                Path.of(System.getProperty("user.home")), new OpeningClients(), System.console() != null,
                new CompletableFuture<>());
    }

    /** The local time zone, for printing times. */
    ZoneId zone() {
        return zones.get();
    }

    private static final class SystemEnv implements Function<String, String> {
        @Override
        public String apply(String name) {
            return System.getenv(name);
        }
    }

    private static final class SystemZone implements Supplier<ZoneId> {
        private ZoneId zone;

        @Override
        public synchronized ZoneId get() {
            if (zone == null) {
                zone = ZoneId.systemDefault();
            }
            return zone;
        }
    }

    private static final class OpeningClients implements ClientFactory {
        @Override
        public SpawnClient open(String router, Path entityFile) {
            return SpawnClients.open(router, entityFile);
        }
    }

    String getenv(String name) {
        String v = env.apply(name);
        return v == null || v.isBlank() ? null : v;
    }
}
