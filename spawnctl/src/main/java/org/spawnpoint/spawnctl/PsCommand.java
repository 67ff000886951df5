package org.spawnpoint.spawnctl;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.SpawnClient;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl ps}. */
final class PsCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    String positional;
    boolean all;
    boolean json;

    PsCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "ps",
                "List every service on every live spawnpoint at or below a base URI,",
                "one line each: spawnpoint (its URI after the base), service, state,",
                "health, memory used/reserved in MiB, CPU (100%% is one core), uptime",
                "and restarts; sorted by spawnpoint, then service. It answers from the",
                "retained heartbeats, so it returns as soon as they are in.");
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("PREFIX")
                .description("base URI; default $SPAWNPOINT_DEFAULT_URI").build());
        spec.addPositional(Specs.positional(String.class, v -> positional = v).arity("0..1").paramLabel("PREFIX")
                .description("base URI (instead of -u)").build());
        spec.addOption(Specs.flag(v -> all = v, "-a", "--all").description("also stale ones: spawnpoints silent for "
                + "25 s or more and services whose heartbeat is 10 s or more old (a SEEN column gives the age)").build());
        spec.addOption(Specs.flag(v -> json = v, "--json").description("print JSON instead of text").build());
        return spec;
    }

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
