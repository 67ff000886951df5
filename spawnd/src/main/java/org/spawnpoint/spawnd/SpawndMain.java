package org.spawnpoint.spawnd;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.backend.docker.DockerBackend;
import org.spawnpoint.spawnd.daemon.CrashBackoff;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spawnd}: run a Spawnpoint daemon, or take one off the bus. */
@Command(name = "spawnd", mixinStandardHelpOptions = true, versionProvider = SpawndMain.Version.class,
        description = "Run a Spawnpoint Daemon",
        subcommands = {SpawndMain.Run.class, SpawndMain.Decommission.class, CommandLine.HelpCommand.class})
public final class SpawndMain implements Callable<Integer> {
    /** This build's version (the project's, from {@link org.spawnpoint.bosswave.wire.BuildInfo}). */
    public static final String VERSION = org.spawnpoint.bosswave.wire.BuildInfo.version();

    /** Exit codes. */
    static final int OK = 0;
    static final int CONFIG_ERROR = 2;
    static final int START_FAILED = 3;

    @Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the subcommand {@code args} name ({@code run}, {@code decommission}, {@code help}) and exits with its code. */
    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    static CommandLine newCommandLine() {
        return new CommandLine(new SpawndMain());
    }

    /** {@code spawnd} without a subcommand: prints the usage. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"spawnd " + VERSION + " (Spawnpoint for the JVM; speaks Spawnpoint 0.2)"};
        }
    }

    static DaemonConfig loadConfig(Path file, PrintWriter err) {
        if (!java.nio.file.Files.exists(file)) {
            err.println("No daemon config file at " + file.toAbsolutePath() + ": name one with -c/--config FILE"
                    + " (its keys are in README.md, \"A spawnpoint\")");
            return null;
        }
        try {
            return DaemonConfig.load(file);
        } catch (DaemonConfig.ConfigFileException e) {
            err.println(e.getMessage());
            return null;
        }
    }

    @Command(name = "run", description = "Run a spawnpoint daemon", mixinStandardHelpOptions = true)
    static final class Run implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, defaultValue = "config.yml", description = "daemon config file (default: ${DEFAULT-VALUE})")
        Path config;

        @Option(names = {"-m", "--metadata"}, description = "YAML file of metadata key: value pairs to advertise")
        Path metadata;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            DaemonConfig cfg = loadConfig(config, err);
            if (cfg == null) {
                return CONFIG_ERROR;
            }
            Map<String, String> meta = Map.of();
            if (metadata != null) {
                try {
                    meta = Daemon.loadMetadata(metadata);
                } catch (Exception e) {
                    err.println("Invalid metadata file: " + e.getMessage());
                    return CONFIG_ERROR;
                }
            }
            Daemon daemon;
            try {
                daemon = Daemon.start(cfg, meta, id -> DockerBackend.connect(id, cfg.hardening(), cfg.stateDir()), CrashBackoff.DEFAULT);
            } catch (Exception e) {
                err.println("spawnd could not start: " + e.getMessage());
                return START_FAILED;
            }
            String repo = System.getenv("SPAWND_NEXT_STEPS");
            if (repo != null && !repo.isBlank()) {
                spec.commandLine().getOut().println(NextSteps.text(cfg, Path.of(repo)));
                spec.commandLine().getOut().flush();
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                daemon.close();
                stopped.countDown();
            }, "spawnd-shutdown"));
            stopped.await();
            return OK;
        }
    }

    @Command(name = "decommission", mixinStandardHelpOptions = true,
            description = "Remove this spawnpoint from scans: clears its persisted heartbeat")
    static final class Decommission implements Callable<Integer> {
        @Option(names = {"-c", "--config"}, defaultValue = "config.yml", description = "daemon config file (default: ${DEFAULT-VALUE})")
        Path config;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            DaemonConfig cfg = loadConfig(config, err);
            if (cfg == null) {
                return CONFIG_ERROR;
            }
            try (BosswaveClient bw = Bosswave.connect(ClientOptions.builder().address(cfg.localRouter()).build())) {
                bw.setEntityFile(cfg.entity());
                bw.publish(PublishParams.uri(SpawnUris.heartbeat(cfg.path())).autoChain(true).persist(true));
            } catch (RuntimeException e) {
                err.println("Could not decommission " + cfg.path() + ": " + e.getMessage());
                return START_FAILED;
            }
            spec.commandLine().getOut().println("Decommissioned spawnpoint " + cfg.alias() + " at " + cfg.path());
            return OK;
        }
    }
}
