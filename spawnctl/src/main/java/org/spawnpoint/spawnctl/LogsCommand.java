package org.spawnpoint.spawnctl;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.spawnpoint.bosswave.payload.GoFormats;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.ConfigException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = "Print a service's past output since some time ago (needs spawnd 0.5 or later).")
final class LogsCommand implements Callable<Integer> {
    @ParentCommand
    SpawnCtl root;

    @Option(names = {"-u", "--uri"}, paramLabel = "URI", description = "the spawnpoint's URI; default $SPAWNPOINT_DEFAULT_URI")
    String uri;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "the service")
    String name;

    @Option(names = {"-s", "--since"}, paramLabel = "DURATION", description = "how far back, e.g. 30s, 10m, 2h")
    String since;

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
