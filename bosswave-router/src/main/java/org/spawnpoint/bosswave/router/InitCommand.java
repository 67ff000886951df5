package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bw2 init}: a namespace and the entities you name, with their grants (see {@link LocalNamespace}). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Create a namespace (an entity and its alias) and, for each --entity NAME, an entity with a DOT "
                + "from the namespace granting --permissions on <alias>/*. Run it while the router is stopped.",
                "Example: bw2 init --data ~/.bw2/data --out ~/.bw2/keys --alias scratch.ns --entity alice --entity bob"})
final class InitCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the router's data directory")
    Path data;
    @Option(names = "--out", required = true, description = "directory for the key and DOT files")
    Path out;
    @Option(names = "--alias", required = true, description = "namespace alias (at most 32 bytes), e.g. 'scratch.ns'")
    String alias;
    @Option(names = "--entity", paramLabel = "NAME", description = "an entity to make and grant (repeatable); its "
            + "files are NAME.key and NAME.dot")
    List<String> entities = List.of();
    @Option(names = "--permissions", defaultValue = LocalNamespace.PERMISSIONS,
            description = "what each entity is granted on <alias>/* (${DEFAULT-VALUE})")
    String permissions;
    @Option(names = "--ttl", defaultValue = "3", description = "how many further delegations the grants allow (${DEFAULT-VALUE})")
    int ttl;
    @Option(names = "--expiry-days", description = "expiry of the entities and DOTs (default: none)")
    Integer expiryDays;

    @Override
    public Integer call() {
        LocalNamespace ns = LocalNamespace.create(data, out, alias, entities, permissions, ttl, expiryDays);
        System.out.println("namespace " + alias + " = " + ns.namespaceVk() + "  (" + ns.namespaceKey() + ")");
        for (String name : entities) {
            LocalNamespace.Member m = ns.member(name);
            System.out.println(name + " " + m.vk() + "  (" + m.keyFile() + ")");
        }
        if (!entities.isEmpty()) {
            System.out.println("grants: " + permissions + " on " + alias + "/* to each, ttl " + ttl);
        }
        System.out.println("next: bin/bw2 router --data " + data + " [--listen HOST:PORT] [--also-listen HOST:PORT]");
        if (!entities.isEmpty()) {
            System.out.println("      export BW2_AGENT=127.0.0.1:28589 BW2_DEFAULT_ENTITY="
                    + ns.member(entities.get(entities.size() - 1)).keyFile().toAbsolutePath());
        }
        return 0;
    }
}
