package org.spawnpoint.spawnctl;

import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.UriGlob;
import picocli.CommandLine.Model.CommandSpec;

/** {@code spawnctl tail}. */
final class TailCommand extends ServiceCommand {
    String since;

    TailCommand(SpawnCtl root) {
        super(root);
    }

    @Override
    CommandSpec spec() {
        CommandSpec spec = spec("tail", "Follow a service's log until Ctrl-C.",
                "With patterns, follow many: -u 'scratch.ns/spawnpoint/*' -n 'web*'",
                "follows every service whose name matches on every spawnpoint whose URI",
                "matches, those that appear later included. Each line starts with its",
                "origin: the spawnpoint (URI after the pattern's literal part), then the",
                "service. Patterns, per URI element: * any characters, ? one character;",
                "an element ** is any number of elements (once); the namespace is",
                "literal. Without -n, a pattern in -u follows every service.");
        spec.addOption(Specs.option(String.class, v -> since = v, "-s", "--since").paramLabel("WHEN")
                .description("first replay each matching service's output since then (needs spawnd 0.5 or later): "
                        + "how far back (10m, 1h30m) or a time (2026-12-02T22:00:00Z, or 2026-12-02 22:00 local); "
                        + "with --no-tail, print it and exit").build());
        return spec;
    }

    @Override
    public Integer call() {
        root.entityFile(); // checked first, as for every command
        String spUri = root.uri(uri);
        boolean pattern = UriGlob.isPattern(spUri) || UriGlob.isPattern(name) || since != null;
        if (!pattern) {
            return super.call();
        }
        if (name == null && !UriGlob.isPattern(spUri)) {
            ServiceNames.required(name);
        }
        if (name != null && !UriGlob.isPattern(name)) {
            ServiceNames.valid(name);
        }
        return PatternTailRun.run(root, spUri, name, since, noTail);
    }

    @Override
    String verb() {
        return null;
    }

    @Override
    LogTail run(SpawnClient client, String spUri, String service) {
        return client.tail(spUri, service, LogFollow.printer(root));
    }
}
