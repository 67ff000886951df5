package org.spawnpoint.bosswave.router;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bw2 init}: the one command a new user needs (see {@link LocalNamespace}). */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a namespace (entity + alias), a spawnd entity and a user entity with DOTs granting both "
                + "P, C* and L on <alias>/*. Run it while the router is stopped.")
final class InitCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "the router's data directory")
    Path data;
    @Option(names = "--out", required = true, description = "directory for the key and DOT files")
    Path out;
    @Option(names = "--alias", required = true, description = "namespace alias (at most 32 bytes), e.g. 'scratch.ns'")
    String alias;
    @Option(names = "--ttl", defaultValue = "3", description = "how many further delegations the grants allow (${DEFAULT-VALUE})")
    int ttl;
    @Option(names = "--expiry-days", description = "expiry of the entities and DOTs (default: none)")
    Integer expiryDays;

    @Override
    public Integer call() {
        LocalNamespace ns = LocalNamespace.create(data, out, alias, ttl, expiryDays);
        System.out.println("namespace " + alias + " = " + ns.namespaceVk() + "  (" + ns.namespaceKey() + ")");
        System.out.println("spawnd    " + ns.spawndVk() + "  (" + ns.spawndKey() + ")");
        System.out.println("user      " + ns.userVk() + "  (" + ns.userKey() + ")");
        System.out.println("grants: " + LocalNamespace.PERMISSIONS + " on " + alias + "/* to both, ttl " + ttl);
        System.out.println("next: bin/bw2 router --data " + data);
        System.out.println("      export BW2_AGENT=127.0.0.1:28589 BW2_DEFAULT_ENTITY="
                + ns.userKey().toAbsolutePath());
        return 0;
    }
}
