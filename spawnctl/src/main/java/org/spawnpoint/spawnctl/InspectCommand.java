package org.spawnpoint.spawnctl;

import java.time.Instant;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.ConfigException;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl inspect}. */
final class InspectCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    String name;
    boolean all;
    boolean json;

    InspectCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "inspect", "Show one spawnpoint: its heartbeat, metadata and services;",
                "or, with -n, one service: its usage and the configuration it was deployed with.");
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("URI")
                .description("the spawnpoint's URI; default $SPAWNPOINT_DEFAULT_URI").build());
        spec.addOption(Specs.option(String.class, v -> name = v, "-n", "--name").paramLabel("NAME")
                .description("a service to show").build());
        spec.addOption(Specs.flag(v -> all = v, "-a", "--all")
                .description("also show services whose heartbeat is 10 s or more old").build());
        spec.addOption(Specs.flag(v -> json = v, "--json").description("print JSON instead of text").build());
        return spec;
    }

    @Override
    public Integer call() {
        var entity = root.entityFile();
        String spUri = root.uri(uri);
        if (name != null) {
            ServiceNames.valid(name);
        }
        try (SpawnClient client = root.connect(entity)) {
            SpawnpointDetails d = client.inspect(spUri);
            Instant now = root.ctx.clock().instant();
            if (d.spawnpoint().isEmpty() && d.services().isEmpty()) {
                throw CtlException.failure("No spawnpoint exists at " + spUri);
            }
            Style st = root.style();
            if (name != null) {
                ServiceInfo s = d.services().get(name);
                if (s == null) {
                    throw CtlException.failure("Service " + name + " does not exist at spawnpoint " + spUri);
                }
                if (json) {
                    root.ctx.out().println(Json.write(JsonViews.service(s, now)));
                } else {
                    TextViews.service(root.ctx.out(), st, s, spUri, now, root.ctx.zone());
                }
                return ExitCodes.OK;
            }
            if (json) {
                root.ctx.out().println(Json.write(JsonViews.details(d, all, now)));
                return ExitCodes.OK;
            }
            d.spawnpoint().ifPresent(sp -> TextViews.spawnpointLines(root.ctx.out(), st, sp, now, root.ctx.zone()));
            TextViews.details(root.ctx.out(), st, d, all, now, root.ctx.zone());
            return ExitCodes.OK;
        }
    }
}
