package org.spawnpoint.spawnctl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.SpawnClientException;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl scan}. */
final class ScanCommand implements Callable<Integer> {
    final SpawnCtl root;
    String uri;
    String positional;
    boolean all;
    boolean json;

    ScanCommand(SpawnCtl root) {
        this.root = root;
    }

    CommandSpec spec() {
        CommandSpec spec = Specs.command(this, "scan", "Scan for running spawnpoints at or below a base URI.",
                "With exactly one result, its metadata and services are shown too.");
        spec.addOption(Specs.option(String.class, v -> uri = v, "-u", "--uri").paramLabel("URI")
                .description("base URI to scan; default $SPAWNPOINT_DEFAULT_URI").build());
        spec.addPositional(Specs.positional(String.class, v -> positional = v).arity("0..1").paramLabel("URI")
                .description("base URI to scan (instead of -u)").build());
        spec.addOption(Specs.flag(v -> all = v, "-a", "--all")
                .description("also show services whose heartbeat is 10 s or more old").build());
        spec.addOption(Specs.flag(v -> json = v, "--json").description("print JSON instead of text").build());
        return spec;
    }

    @Override
    public Integer call() {
        var entity = root.entityFile();
        String base = root.uri(uri != null ? uri : positional);
        try (SpawnClient client = root.connect(entity)) {
            Map<String, Spawnpoint> found = client.scan(base);
            Instant now = root.ctx.clock().instant();
            if (json) {
                List<Object> list = new ArrayList<>();
                found.values().forEach(sp -> list.add(JsonViews.spawnpoint(sp, now)));
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("spawnpoints", list);
                root.ctx.out().println(Json.write(doc));
                return ExitCodes.OK;
            }
            Style st = root.style();
            root.ctx.out().println("Discovered " + found.size() + " SpawnPoint(s):");
            for (Spawnpoint sp : found.values()) {
                TextViews.spawnpointLines(root.ctx.out(), st, sp, now, root.ctx.zone());
            }
            if (found.size() == 1) {
                Spawnpoint sp = found.values().iterator().next();
                SpawnpointDetails d;
                try {
                    // Follow-up requests use the URI as the router reported it, as the original does.
                    d = client.inspect(sp.routerUri());
                } catch (SpawnClientException e) {
                    throw CtlException.failure("Inspect failed: " + e.getMessage());
                }
                // Ages against the time after the inspect, whose heartbeats may be newer than the scan.
                TextViews.details(root.ctx.out(), st, d, all, root.ctx.clock().instant(), root.ctx.zone());
            }
            return ExitCodes.OK;
        }
    }
}
