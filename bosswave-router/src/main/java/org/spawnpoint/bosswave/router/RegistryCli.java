package org.spawnpoint.bosswave.router;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.spawnpoint.bosswave.router.internal.Admin;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.Dot;
import org.spawnpoint.bosswave.router.internal.objects.Entity;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.router.internal.objects.Permissions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bw2} registry subcommands: each works on the data directory of a stopped router ({@code --data}), or on a
 * running one over OOB ({@code --agent}) through the {@link RemoteRegistry} that {@link RouterMain} was given.
 */
final class RegistryCli {
    private RegistryCli() {
    }

    static EntityKey readKey(Path p) throws Exception {
        return KeyFiles.readKey(p);
    }

    /** Where a registry command goes: the data directory of a stopped router, or a running router over OOB. */
    static final class Target {
        @Option(names = "--data", description = "data directory of a stopped router") Path data;
        @Option(names = "--agent", description = "a running router, HOST:PORT (uses the OOB commands)") String agent;

        void check() {
            if ((data == null) == (agent == null)) {
                throw new IllegalArgumentException("give exactly one of --data DIR (router stopped) or --agent HOST:PORT "
                        + "(router running)");
            }
        }

    }

    @Command(name = "mkentity", mixinStandardHelpOptions = true,
            description = "Create an entity, register it and write its key file (0x32 ‖ SK ‖ entity, mode 0600).")
    static final class MakeEntity implements Callable<Integer> {
        @CommandLine.ParentCommand RouterMain bw2;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = {"-o", "--out"}, required = true, description = "key file to write") Path out;
        @Option(names = "--contact") String contact;
        @Option(names = "--comment") String comment;
        @Option(names = "--expiry-days") Integer expiryDays;
        @Option(names = {"-k", "--key"}, description = "with --agent: key file of a registered entity, which registers "
                + "the new one (a router takes registry writes only from registered entities)") Path key;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (target.agent != null) {
                if (key == null) {
                    throw new IllegalArgumentException("with --agent, give -k KEYFILE: a registered entity that "
                            + "registers the new one (the router refuses registry writes from anonymous connections)");
                }
                RemoteRegistry.Created e = bw2.remote().createEntity(target.agent, key,
                        expiryDays == null ? null : Duration.ofDays(expiryDays), contact, comment);
                KeyFiles.writePrivate(out, e.bytes());
                System.out.println(e.id() + "  " + out);
                return 0;
            }
            try (Admin a = new Admin(target.data)) {
                EntityKey k = a.makeEntity(out, contact, comment, expiryDays);
                System.out.println(k.entity().vkB64() + "  " + out);
            }
            return 0;
        }
    }

    @Command(name = "mkdot", mixinStandardHelpOptions = true,
            description = "Create an access DOT from a key file, register it and optionally write it (0x20 ‖ DOT).")
    static final class MakeDot implements Callable<Integer> {
        @CommandLine.ParentCommand RouterMain bw2;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = {"-f", "--from"}, required = true, description = "giver's key file") Path from;
        @Option(names = {"-t", "--to"}, required = true, description = "receiver: b64 VK, key file or alias") String to;
        @Option(names = {"-u", "--uri"}, required = true, description = "namespace(VK or alias)/suffix pattern") String uri;
        @Option(names = {"-x", "--permissions"}, required = true, description = "e.g. PC*, C+, LPC*") String permissions;
        @Option(names = "--ttl", defaultValue = "0") int ttl;
        @Option(names = "--expiry-days") Integer expiryDays;
        @Option(names = {"-o", "--out"}, description = "DOT file to write") Path out;

        @Override
        public Integer call() throws Exception {
            EntityKey giver = readKey(from);
            target.check();
            if (target.agent != null) {
                byte[] toVk = Crypto.unb64Key(to);
                if (toVk == null && Files.isRegularFile(Path.of(to))) {
                    toVk = readKey(Path.of(to)).entity().vk();
                }
                if (toVk == null) {
                    throw new IllegalArgumentException("--to: with --agent, give a b64 VK or a key file, got '" + to + "'");
                }
                RemoteRegistry.Created d = bw2.remote().createDot(target.agent, from, Crypto.b64(toVk), ttl,
                        expiryDays == null ? null : Duration.ofDays(expiryDays), uri, permissions);
                if (out != null) {
                    byte[] file = new byte[d.bytes().length + 1];
                    file[0] = KeyFiles.DOT;
                    System.arraycopy(d.bytes(), 0, file, 1, d.bytes().length);
                    Files.write(out, file);
                }
                System.out.println(d.id());
                return 0;
            }
            try (Admin a = new Admin(target.data)) {
                Dot d = a.makeDot(giver, a.vk(to), uri, permissions, ttl, expiryDays);
                if (out != null) {
                    KeyFiles.writeDot(out, d);
                }
                System.out.println(d.hashB64());
            }
            return 0;
        }
    }

    @Command(name = "mkalias", mixinStandardHelpOptions = true, description = "Bind a long alias to a VK in the registry.")
    static final class MakeAlias implements Callable<Integer> {
        @CommandLine.ParentCommand RouterMain bw2;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = "--alias", required = true) String alias;
        @Option(names = "--value", required = true, description = "b64 VK or key file") String value;
        @Option(names = {"-k", "--key"}, description = "with --agent: key file of the registered entity making the "
                + "alias (for an alias of a registered entity's VK, that entity's own key)") Path key;

        @Override
        public Integer call() throws Exception {
            target.check();
            if (target.agent != null) {
                byte[] vk = Crypto.unb64Key(value);
                if (vk == null) {
                    vk = readKey(Path.of(value)).entity().vk();
                }
                if (key == null) {
                    throw new IllegalArgumentException("with --agent, give -k KEYFILE: the registered entity making "
                            + "the alias (the router refuses registry writes from anonymous connections)");
                }
                bw2.remote().createLongAlias(target.agent, key, alias, Crypto.b64(vk));
                System.out.println(alias + " = " + Crypto.b64(vk));
                return 0;
            }
            try (Admin a = new Admin(target.data)) {
                byte[] vk = a.vk(value);
                a.makeAlias(alias, vk);
                System.out.println(alias + " = " + Crypto.b64(vk));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a DOT (by hash) or an entity (by VK), signed with a key file allowed to revoke it.")
    static final class Revoke implements Callable<Integer> {
        @CommandLine.ParentCommand RouterMain bw2;
        @CommandLine.ArgGroup(exclusive = false, multiplicity = "1") Target target;
        @Option(names = {"-k", "--key"}, required = true, description = "revoker's key file") Path key;
        @Option(names = "--dot", description = "b64 DOT hash") String dot;
        @Option(names = "--entity", description = "b64 VK, key file or alias") String entity;
        @Option(names = "--comment") String comment;

        @Override
        public Integer call() throws Exception {
            if ((dot == null) == (entity == null)) {
                throw new IllegalArgumentException("give exactly one of --dot or --entity");
            }
            target.check();
            if (target.agent != null) {
                byte[] t = dot != null ? Crypto.unb64Key(dot) : Crypto.unb64Key(entity);
                if (t == null && entity != null && Files.isRegularFile(Path.of(entity))) {
                    t = readKey(Path.of(entity)).entity().vk();
                }
                if (t == null) {
                    throw new IllegalArgumentException("expected a 44-character b64 hash or VK (or a key file for --entity)");
                }
                System.out.println("revocation " + bw2.remote().revoke(target.agent, key, dot != null, Crypto.b64(t),
                        comment));
                return 0;
            }
            try (Admin a = new Admin(target.data)) {
                byte[] t = dot != null ? Crypto.unb64Key(dot) : a.vk(entity);
                if (t == null) {
                    throw new IllegalArgumentException("--dot: expected a 44-character b64 hash, got '" + dot + "'");
                }
                System.out.println("revocation " + a.revoke(readKey(key), t, comment));
            }
            return 0;
        }
    }

    @Command(name = "inspect", mixinStandardHelpOptions = true, description = "Show a key, entity or DOT file.")
    static final class Inspect implements Callable<Integer> {
        @Parameters(paramLabel = "FILE") Path file;
        @Option(names = "--data", description = "also show the registry state") Path data;

        @Override
        public Integer call() throws Exception {
            byte[] b = Files.readAllBytes(file);
            if (b.length == 0) {
                throw new IllegalArgumentException(file + " is empty");
            }
            byte[] body = Arrays.copyOfRange(b, 1, b.length);
            switch (b[0]) {
                case KeyFiles.KEY -> printEntity("key (entity with signing key)", EntityKey.parseBlob(body).entity());
                case KeyFiles.ENTITY -> printEntity("entity", Entity.parse(body));
                case KeyFiles.DOT -> printDot(Dot.parse(body));
                default -> throw new IllegalArgumentException(file + ": unknown file type 0x"
                        + Integer.toHexString(b[0] & 255) + " (expected 0x32 key, 0x30 entity or 0x20 DOT)");
            }
            return 0;
        }

        private void printEntity(String kind, Entity e) {
            System.out.println("type:      " + kind);
            System.out.println("VK:        " + e.vkB64());
            System.out.println("signature: " + (e.signatureValid() ? "valid" : "INVALID"));
            System.out.println("created:   " + time(e.createdNs()));
            System.out.println("expires:   " + time(e.expiryNs()));
            System.out.println("contact:   " + nz(e.contact()));
            System.out.println("comment:   " + nz(e.comment()));
            for (byte[] r : e.revokers()) {
                System.out.println("revoker:   " + Crypto.b64(r));
            }
            if (data != null) {
                try (Admin a = new Admin(data)) {
                    System.out.println("registry:  " + a.entityState(e.vkB64()));
                }
            }
        }

        private void printDot(Dot d) {
            System.out.println("type:        access DOT");
            System.out.println("hash:        " + d.hashB64());
            System.out.println("signature:   " + (d.signatureValid() ? "valid" : "INVALID"));
            System.out.println("from:        " + d.giverB64());
            System.out.println("to:          " + d.receiverB64());
            System.out.println("uri:         " + d.namespaceB64() + "/" + d.suffix());
            System.out.println("permissions: " + Permissions.render(d.permissions()));
            System.out.println("ttl:         " + d.ttl());
            System.out.println("created:     " + time(d.createdNs()));
            System.out.println("expires:     " + time(d.expiryNs()));
            if (data != null) {
                try (Admin a = new Admin(data)) {
                    System.out.println("registry:    " + a.dotState(d));
                }
            }
        }

        private static String time(Long ns) {
            return ns == null ? "-" : Instant.ofEpochSecond(0, ns).toString();
        }

        private static String nz(String s) {
            return s == null ? "-" : s;
        }
    }
}
