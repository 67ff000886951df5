package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.spawnpoint.bosswave.router.internal.Admin;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;

/**
 * A namespace and the entities you name, in one call (what {@code bw2 init} does): a namespace entity and its alias,
 * then for each name an entity and a DOT from the namespace granting {@code permissions} on the whole namespace
 * ({@code <alias>/*}). Key files ({@code NAME.key}, bw2 format, mode 0600) and DOT files ({@code NAME.dot}) go to
 * {@code keyDir}; everything is registered in the data directory, which no running router may hold at the time.
 * Nothing here knows what the entities are for.
 *
 * @param members every named entity, in the order given
 */
public record LocalNamespace(String alias, String namespaceVk, Path namespaceKey, Map<String, Member> members) {

    /** The default grant: publish, consume with wildcards, list. */
    public static final String PERMISSIONS = "PC*L";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** One named entity: its VK (base64), key file and the DOT file of its grant. */
    public record Member(String vk, Path keyFile, Path dotFile) {
    }

    public LocalNamespace {
        members = Map.copyOf(members);
    }

    /** The member called {@code name}; fails naming the members there are. */
    public Member member(String name) {
        Member m = members.get(name);
        if (m == null) {
            throw new IllegalArgumentException("no entity '" + name + "' in namespace " + alias + " (has "
                    + members.keySet() + ")");
        }
        return m;
    }

    /**
     * Creates the namespace and the named entities; fails if {@code alias} already exists in the registry, or a name is
     * not a plain file name (letters, digits, {@code _ . -}) or is {@code namespace}.
     */
    public static LocalNamespace create(Path dataDir, Path keyDir, String alias, List<String> names,
                                        String permissions, int ttl, Integer expiryDays) {
        for (String n : names) {
            if (!NAME.matcher(n).matches() || n.equals("namespace")) {
                throw new IllegalArgumentException("entity name '" + n + "': expected letters, digits, '_', '.' or '-' "
                        + "(at most 64), not 'namespace'; it names the files " + n + ".key and " + n + ".dot");
            }
        }
        if (names.stream().distinct().count() != names.size()) {
            throw new IllegalArgumentException("entity names must differ, got " + names);
        }
        try {
            Files.createDirectories(keyDir);
            try (Admin admin = new Admin(dataDir)) {
                if (admin.registry().resolveAlias(alias) != null) {
                    throw new IllegalArgumentException("alias '" + alias + "' already exists in " + dataDir);
                }
                Path nsFile = keyDir.resolve("namespace.key");
                EntityKey ns = admin.makeEntity(nsFile, alias, "namespace " + alias, expiryDays);
                admin.makeAlias(alias, ns.entity().vk());
                String everything = ns.entity().vkB64() + "/*";
                Map<String, Member> members = new LinkedHashMap<>();
                for (String n : names) {
                    Path keyFile = keyDir.resolve(n + ".key");
                    Path dotFile = keyDir.resolve(n + ".dot");
                    EntityKey e = admin.makeEntity(keyFile, alias, n, expiryDays);
                    Dot grant = admin.makeDot(ns, e.entity().vk(), everything, permissions, ttl, expiryDays);
                    KeyFiles.writeDot(dotFile, grant);
                    members.put(n, new Member(e.entity().vkB64(), keyFile, dotFile));
                }
                return new LocalNamespace(alias, ns.entity().vkB64(), nsFile, members);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write keys to " + keyDir + ": " + e.getMessage(), e);
        }
    }
}
