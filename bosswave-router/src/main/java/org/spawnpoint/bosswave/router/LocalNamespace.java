package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.spawnpoint.bosswave.router.internal.Admin;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;

/**
 * A working setup for a new user in one call (what {@code bw2 init} does): a namespace entity and its alias, an entity
 * for spawnd and one for the user, and DOTs granting both {@code PC*L} on the whole namespace. Key files (bw2 format,
 * mode 0600) and DOT files go to {@code keyDir}; everything is registered in the data directory, which no running
 * router may hold at the time.
 */
public record LocalNamespace(String alias, String namespaceVk, Path namespaceKey, String spawndVk, Path spawndKey,
                             String userVk, Path userKey) {

    public static final String PERMISSIONS = "PC*L";

    /** Creates the setup; fails if {@code alias} already exists in the registry. */
    public static LocalNamespace create(Path dataDir, Path keyDir, String alias, int ttl, Integer expiryDays) {
        try {
            Files.createDirectories(keyDir);
            try (Admin admin = new Admin(dataDir)) {
                if (admin.registry().resolveAlias(alias) != null) {
                    throw new IllegalArgumentException("alias '" + alias + "' already exists in " + dataDir);
                }
                Path nsFile = keyDir.resolve("namespace.key");
                Path spawndFile = keyDir.resolve("spawnd.key");
                Path userFile = keyDir.resolve("user.key");
                EntityKey ns = admin.makeEntity(nsFile, alias, "namespace " + alias, expiryDays);
                admin.makeAlias(alias, ns.entity().vk());
                EntityKey spawnd = admin.makeEntity(spawndFile, alias, "spawnd daemon", expiryDays);
                EntityKey user = admin.makeEntity(userFile, alias, "user", expiryDays);
                String everything = ns.entity().vkB64() + "/*";
                Dot toSpawnd = admin.makeDot(ns, spawnd.entity().vk(), everything, PERMISSIONS, ttl, expiryDays);
                Dot toUser = admin.makeDot(ns, user.entity().vk(), everything, PERMISSIONS, ttl, expiryDays);
                KeyFiles.writeDot(keyDir.resolve("spawnd.dot"), toSpawnd);
                KeyFiles.writeDot(keyDir.resolve("user.dot"), toUser);
                return new LocalNamespace(alias, ns.entity().vkB64(), nsFile, spawnd.entity().vkB64(), spawndFile,
                        user.entity().vkB64(), userFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys to " + keyDir + ": " + e.getMessage(), e);
        }
    }
}
