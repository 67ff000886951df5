package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bw2}: the router and the local-registry tools (in the spirit of the original bw2 CLI). */
@Command(name = "bw2", mixinStandardHelpOptions = true, versionProvider = RouterMain.Version.class,
        description = "BOSSWAVE router with a local registry, and tools to manage its entities, DOTs and aliases.",
        subcommands = {RouterMain.Serve.class, InitCommand.class, RegistryCli.MakeEntity.class,
                RegistryCli.MakeDot.class, RegistryCli.MakeAlias.class, RegistryCli.Inspect.class,
                RegistryCli.Revoke.class})
public final class RouterMain implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final RemoteRegistry remote;

    /** The router-only {@code bw2}: the registry commands take {@code --data} only ({@link RemoteRegistry#NONE}). */
    public RouterMain() {
        this(RemoteRegistry.NONE);
    }

    /** {@code bw2} whose registry commands reach a running router through {@code remote} ({@code --agent}). */
    public RouterMain(RemoteRegistry remote) {
        this.remote = java.util.Objects.requireNonNull(remote, "remote");
    }

    RemoteRegistry remote() {
        return remote;
    }

    /** {@code bw2 --version}: the build's version, as every tool of the project prints it. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"bw2 " + org.spawnpoint.bosswave.wire.BuildInfo.version() + " (Spawnpoint for the JVM)"};
        }
    }

    /** The router-only {@code bw2} (bin/bw2 runs bosswave-tools' {@code Bw2}, which adds {@code --agent}). */
    public static void main(String[] args) {
        System.exit(run(args, RemoteRegistry.NONE));
    }

    /**
     * Runs {@code bw2} with {@code args}: {@code router}, {@code init} and the registry commands, {@code --agent}
     * going through {@code remote}.
     *
     * @return the exit code: 0 done, 1 failed (the reason printed), 2 bad usage
     */
    public static int run(String[] args, RemoteRegistry remote) {
        if ((args.length == 0 || !args[0].equals("router")) && System.getenv("BW2_LOG_LEVEL") == null) {
            System.setProperty("BW2_LOG_LEVEL", "WARN"); // registry tools print their own results
        }
        RouterMain.Serve serve = RouterArgs.parse(args);
        if (serve != null) {
            return serve.run();
        }
        return commandLine(remote).execute(args);
    }

    /**
     * bw2's command line, for generated completion scripts and man pages (its options and subcommands are the same
     * with or without a {@link RemoteRegistry}).
     */
    public static CommandLine commandLineForDocs() {
        return commandLine(RemoteRegistry.NONE);
    }

    static CommandLine commandLine() {
        return commandLine(RemoteRegistry.NONE);
    }

    static CommandLine commandLine(RemoteRegistry remote) {
        CommandLine cl = new CommandLine(new RouterMain(remote));
        cl.setExecutionExceptionHandler((ex, line, parsed) -> {
            line.getErr().println("bw2: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "router", mixinStandardHelpOptions = true,
            description = "Run the router until interrupted. Flags override the config file.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--config", description = "properties file: listen, data, maxFrameBytes, "
                + "maxSubscriptionsPerConnection, maxConnections, subscriptionQueue, fsync, version, resultSignatures "
                + "(on-demand or always), busyPollMicros, maxPendingFrameBytes, maxConnectionsPerAddress, "
                + "handshakeTimeoutMs, frameTimeoutMs, idleTimeoutMs, registryWritesPerMinute, maxRegistryObjectBytes, "
                + "alsoListen, cluster, clusterReplicas (defaults: bosswave-router/README.md)")
        Path config;
        @Option(names = "--listen", description = "HOST:PORT (default ${DEFAULT-VALUE} unless the config says otherwise)")
        String listen;
        @Option(names = "--also-listen", paramLabel = "HOST:PORT", split = ",",
                description = "more addresses to serve, e.g. the Docker bridge's gateway (172.17.0.1:28589) so that "
                        + "service containers reach the router while other machines do not")
        java.util.List<String> alsoListen;
        @Option(names = "--data", description = "data directory holding the registry and retained messages")
        Path data;
        @Option(names = "--cluster", paramLabel = "nats://HOST:PORT", split = ",",
                description = "join the NATS JetStream cluster of these servers: every router so joined is one "
                        + "BOSSWAVE bus (README, \"Many machines\")")
        java.util.List<String> cluster;

        /** {@link #call()} as picocli runs it: a failure is printed as {@code bw2: message} and exits 1. */
        int run() {
            try {
                return call();
            } catch (Exception ex) {
                System.err.println("bw2: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
                System.err.flush();
                return 1;
            }
        }

        @Override
        public Integer call() throws Exception {
            RouterConfig.Builder b = RouterConfig.builder();
            if (config != null) {
                b.load(config);
            }
            if (listen != null) {
                b.listen(listen);
            }
            if (data != null) {
                b.dataDir(data);
            }
            if (alsoListen != null) {
                b.alsoListen(alsoListen);
            }
            if (cluster != null) {
                b.cluster(cluster);
            }
            Router r = Router.start(b.build());
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                r.close();
                stop.countDown();
            }, "bw2-shutdown"));
            System.out.println("bw2 router listening on " + r.listenAddress() + " (clients: BW2_AGENT=" + r.address()
                    + ")");
            stop.await();
            return 0;
        }
    }
}
