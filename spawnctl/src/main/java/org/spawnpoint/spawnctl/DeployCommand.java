package org.spawnpoint.spawnctl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClientException;
import org.spawnpoint.spawnclient.model.ConfigException;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.UriGlob;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl deploy}. */
final class DeployCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    java.util.Map<String, String> where = new java.util.LinkedHashMap<>();
    String config;
    String name;
    boolean noTail;
    WaitConverter.Wait wait = new WaitConverter.Wait(java.time.Duration.ofMinutes(10));

    DeployCommand(SpawnCtl root) {
        this.root = root;
    }

    @SuppressWarnings("unchecked")
    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "deploy",
                "Deploy a service to a spawnpoint, then follow its log until Ctrl-C.",
                "Relative paths in the config (entity, includedFiles, includedDirs) are taken from the current directory.",
                "Placement: with a pattern in -u (e.g. -u 'scratch.ns/spawnpoint/*', rules",
                "as for tail), the service goes to one of the live matching spawnpoints",
                "that have every --where metadata value and room for its memAlloc and",
                "cpuShares by their heartbeats, the most free memory first; one that",
                "refuses it (admission) passes it to the next. A service that already",
                "runs on a match is redeployed there.");
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("URI")
                .description("the spawnpoint's URI, or a pattern to place the service among (see above); default "
                        + "$SPAWNPOINT_DEFAULT_URI").build());
        spec.addOption(Specs.option(java.util.Map.class, v -> where = v == null ? new java.util.LinkedHashMap<>() : v,
                        "--where").auxiliaryTypes(String.class, String.class).paramLabel("KEY=VALUE")
                .description("with a pattern in -u: only spawnpoints whose metadata KEY (spawnd -m, fresh within 1m, "
                        + "as scan shows it) is VALUE; repeat for more").build());
        spec.addOption(Specs.option(String.class, v -> config = v, "-c", "--config").paramLabel("FILE")
                .description("the service configuration (YAML)").build());
        spec.addOption(Specs.option(String.class, v -> name = v, "-n", "--name").paramLabel("NAME")
                .description("the service name; default serviceName in the config").build());
        spec.addOption(Specs.flag(v -> noTail = v, "--no-tail").description("wait for the outcome, print the log "
                + "until then, and exit by it (0: the service started) instead of following the log").build());
        spec.addOption(Specs.option(WaitConverter.Wait.class, v -> wait = v, "--wait").paramLabel("DURATION")
                .defaultValue("10m").converters(new WaitConverter())
                .description("with --no-tail: how long to wait for the outcome (an image build can take minutes); "
                        + "default ${DEFAULT-VALUE}").build());
        return spec;
    }

    @Override
    public Integer call() {
        Path entity = root.entityFile();
        String spUri = root.uri(uri);
        if (config == null || config.isBlank()) {
            throw CtlException.usage("Missing 'config' parameter: give -c/--config FILE");
        }
        Path configFile = root.resolvePath(config);
        ServiceConfig cfg = readConfig(configFile);
        String svc = name != null && !name.isBlank() ? name : cfg.serviceName();
        if (svc.isEmpty()) {
            throw CtlException.usage("Missing 'name' parameter: give -n/--name NAME (or serviceName in the config)");
        }
        cfg = cfg.withServiceName(svc);
        boolean placing = UriGlob.isPattern(spUri);
        if (!where.isEmpty() && !placing) {
            throw CtlException.usage("--where needs a pattern in -u to choose among, e.g. -u '" + spUri + "/*'");
        }
        if (placing) {
            return Placing.run(root, entity, spUri, where, configFile, cfg, noTail, wait.toDuration());
        }
        try (SpawnClient client = root.connect(entity)) {
            LogTail tail;
            try {
                tail = client.deploy(spUri, cfg, root.ctx.workDir(), LogFollow.printer(root), w -> {
                    root.ctx.err().println(root.style().yellow("[WARN]") + " " + w);
                    root.ctx.err().flush();
                });
            } catch (SpawnClientException e) {
                String hint = SpawnCtl.refusedPermission(e) ? root.permissionHint("deploy", spUri) : "";
                throw new CtlException(SpawnCtl.unreachable(e) ? ExitCodes.UNAVAILABLE : ExitCodes.FAILURE,
                        root.style().red("[ERROR]") + " Service deployment failed, " + e.getMessage() + hint);
            }
            // Recorded once the spawnpoint has reported the outcome (or the wait ended otherwise), not right after
            // the publish: reading and writing the history (SnakeYAML, cold) was 15% of a deploy's main-thread CPU
            // (async-profiler), spent while spawnd and the engine start the container on the same cores.
            try {
                LogFollow.awaitOutcome(root, tail, noTail ? wait.toDuration() : null, "Service deployment failed: ",
                        "deployment");
            } finally {
                DeployHistory.record(root, new DeployHistory.Entry(root.routerAddress(), entity.toString(), spUri,
                        configFile.toString(), svc));
            }
            if (noTail) {
                tail.close();
                root.ctx.out().println(root.style().green("Deployment complete."));
                return ExitCodes.OK;
            }
            LogFollow.announce(root, " Deployment complete, tailing log. Ctrl-C to quit.");
            return LogFollow.untilInterrupted(root, tail);
        }
    }

    static ServiceConfig readConfig(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw CtlException.failure("Cannot read service configuration file " + file + ": it does not exist");
        } catch (MalformedInputException e) {
            throw CtlException.failure("Cannot read service configuration file " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw CtlException.failure("Cannot read service configuration file " + file + ": " + e.getMessage());
        }
        try {
            return ServiceConfig.parse(text);
        } catch (ConfigException e) {
            String where = e.field() == null ? "" : "'" + e.field() + "' ";
            throw CtlException.failure("Invalid service configuration file " + file + ": " + where + e.problem());
        }
    }
}
