package org.spawnpoint.bosswave.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.spawnpoint.bosswave.router.internal.Admin;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * One command for a new user: a namespace entity, its alias, an entity for spawnd and one for the user, and DOTs
 * granting both {@code PC*L} on the whole namespace, all in the registry, with key files in the output directory.
 */
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
    public Integer call() throws Exception {
        Files.createDirectories(out);
        try (Admin admin = new Admin(data)) {
            if (admin.registry().resolveAlias(alias) != null) {
                throw new IllegalArgumentException("--alias: '" + alias + "' already exists in " + data);
            }
            EntityKey ns = admin.makeEntity(out.resolve("namespace.key"), alias, "namespace " + alias, expiryDays);
            admin.makeAlias(alias, ns.entity().vk());
            EntityKey spawnd = admin.makeEntity(out.resolve("spawnd.key"), alias, "spawnd daemon", expiryDays);
            EntityKey user = admin.makeEntity(out.resolve("user.key"), alias, "user", expiryDays);
            String uri = ns.entity().vkB64() + "/*";
            Dot toSpawnd = admin.makeDot(ns, spawnd.entity().vk(), uri, "PC*L", ttl, expiryDays);
            Dot toUser = admin.makeDot(ns, user.entity().vk(), uri, "PC*L", ttl, expiryDays);
            KeyFiles.writeDot(out.resolve("spawnd.dot"), toSpawnd);
            KeyFiles.writeDot(out.resolve("user.dot"), toUser);
            System.out.println("namespace " + alias + " = " + ns.entity().vkB64() + "  (" + out.resolve("namespace.key") + ")");
            System.out.println("spawnd    " + spawnd.entity().vkB64() + "  (" + out.resolve("spawnd.key") + ")  DOT " + toSpawnd.hashB64());
            System.out.println("user      " + user.entity().vkB64() + "  (" + out.resolve("user.key") + ")  DOT " + toUser.hashB64());
            System.out.println("grants: PC*L on " + alias + "/*, ttl " + ttl);
            System.out.println("next: bin/bw2 router --data " + data);
            System.out.println("      export BW2_AGENT=127.0.0.1:28589 BW2_DEFAULT_ENTITY=" + out.toAbsolutePath().resolve("user.key"));
        }
        return 0;
    }
}
