package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.ConfigException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl logs}. */
final class LogsCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    String name;
    String since;

    LogsCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "logs",
                "Print a service's past output since some time ago (needs spawnd 0.5 or later).");
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("URI")
                .description("the spawnpoint's URI; default $SPAWNPOINT_DEFAULT_URI").build());
        spec.addOption(Specs.option(String.class, v -> name = v, "-n", "--name").paramLabel("NAME")
                .description("the service").build());
        spec.addOption(Specs.option(String.class, v -> since = v, "-s", "--since").paramLabel("DURATION")
                .description("how far back, e.g. 30s, 10m, 2h").build());
        return spec;
    }

    @Override
    public Integer call() {
        Path entity = root.entityFile();
        String spUri = root.uri(uri);
        ServiceNames.required(name);
        if (since == null || since.isBlank()) {
            throw CtlException.usage("Missing 'since' parameter: give -s/--since DURATION such as 10m");
        }
        Duration back;
        try {
            back = GoFormats.parseDuration(since.strip());
        } catch (IllegalArgumentException e) {
            throw CtlException.usage("Invalid 'since' parameter: " + e.getMessage());
        }
        if (back.isNegative() || back.isZero()) {
            throw CtlException.usage("Invalid 'since' parameter: expected a duration above 0, got \"" + since + "\"");
        }
        try (SpawnClient client = root.connect(entity)) {
            client.logs(spUri, name, root.ctx.clock().instant().minus(back), line -> {
                root.ctx.out().println(line);
                root.ctx.out().flush();
            });
            return ExitCodes.OK;
        }
    }
}
