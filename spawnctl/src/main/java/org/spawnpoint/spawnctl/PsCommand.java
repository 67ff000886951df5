package org.spawnpoint.spawnctl;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = {"List every service on every live spawnpoint at or below a base URI,",
                "one line each: spawnpoint (its URI after the base), service, state,",
                "health, memory used/reserved in MiB, CPU (100%% is one core), uptime",
                "and restarts; sorted by spawnpoint, then service. It answers from the",
                "retained heartbeats, so it returns as soon as they are in."})
final class PsCommand implements Callable<Integer> {
    @ParentCommand
    SpawnCtl root;

    @Option(names = {"-u", "--uri"}, paramLabel = "PREFIX", description = "base URI; default $SPAWNPOINT_DEFAULT_URI")
    String uri;

    @Parameters(arity = "0..1", paramLabel = "PREFIX", description = "base URI (instead of -u)")
    String positional;

    @Option(names = {"-a", "--all"}, description = "also stale ones: spawnpoints silent for 25 s or more and services"
            + " whose heartbeat is 10 s or more old (a SEEN column gives the age)")
    boolean all;

    @Option(names = "--json", description = "print JSON instead of text")
    boolean json;

    @Override
    public Integer call() {
        var entity = root.entityFile();
        String base = root.uri(uri != null ? uri : positional);
        try (SpawnClient client = root.connect(entity)) {
            Fleet fleet = client.fleet(base);
            Instant now = root.ctx.clock().instant();
            if (json) {
                root.ctx.out().println(Json.write(PsView.json(fleet, all, now)));
            } else {
                PsView.table(root.ctx.out(), root.style(), fleet, all, now);
            }
            root.ctx.out().flush();
            return ExitCodes.OK;
        }
    }
}
