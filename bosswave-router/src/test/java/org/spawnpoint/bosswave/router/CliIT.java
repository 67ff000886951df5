package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ListParams;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;

/** bw2 CLI: the one-command setup gives working identities; the registry tools; config file errors. */
class CliIT {
    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = RouterMain.commandLine().execute(args);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "bw2 " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    @Test
    void initGivesSpawndAndUserWorkingGrants() throws Exception {
        Path data = dir.resolve("data");
        Path keys = dir.resolve("keys");
        String out = run("init", "--data", data.toString(), "--out", keys.toString(), "--alias", "my.ns",
                "--entity", "spawnd", "--entity", "user");
        assertTrue(out.contains("namespace my.ns = "), out);
        for (String f : List.of("namespace.key", "spawnd.key", "user.key", "spawnd.dot", "user.dot")) {
            assertTrue(Files.isRegularFile(keys.resolve(f)), f);
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(keys.resolve("user.key"))));
        assertNotEquals(0, RouterMain.commandLine().execute("init", "--data", data.toString(), "--out",
                keys.toString(), "--alias", "my.ns"), "the alias exists already");

        try (Router router = Router.start(RouterConfig.builder().port(0).dataDir(data).build());
             BosswaveClient spawnd = Bosswave.connect(router.address());
             BosswaveClient user = Bosswave.connect(router.address())) {
            spawnd.setEntityFile(keys.resolve("spawnd.key"));
            user.setEntityFile(keys.resolve("user.key"));
            List<Message> got = new CopyOnWriteArrayList<>();
            String base = "my.ns/spawnpoint/alpha/s.spawnpoint/server/i.spawnpoint";
            try (Subscription s = spawnd.subscribe(SubscribeParams.uri(base + "/slot/+"), got::add)) {
                user.publish(PublishParams.uri(base + "/slot/restart").payload(PayloadObject.ofString("svc")));
                RouterIT.waitFor(() -> got.size() == 1);
            }
            spawnd.publish(PublishParams.uri(base + "/signal/heartbeat").persist(true)
                    .payload(PayloadObject.ofString("hb")));
            assertEquals(1, user.query(org.spawnpoint.bosswave.QueryParams.uri("my.ns/spawnpoint/*/s.spawnpoint/server/"
                    + "i.spawnpoint/signal/heartbeat")).size());
            assertEquals(1, user.list(ListParams.uri("my.ns/spawnpoint")).size());
        }
    }

    @Test
    void registryToolsAndInspect() throws Exception {
        Path data = dir.resolve("data");
        Path ns = dir.resolve("ns.key");
        Path bob = dir.resolve("bob.key");
        run("mkentity", "--data", data.toString(), "-o", ns.toString(), "--contact", "ns");
        run("mkentity", "--data", data.toString(), "-o", bob.toString(), "--comment", "bob");
        run("mkalias", "--data", data.toString(), "--alias", "bob.ns", "--value", ns.toString());
        String hash = run("mkdot", "--data", data.toString(), "-f", ns.toString(), "-t", bob.toString(),
                "-u", "bob.ns/x/*", "-x", "P", "-o", dir.resolve("bob.dot").toString()).trim();
        String dot = run("inspect", dir.resolve("bob.dot").toString(), "--data", data.toString());
        assertTrue(dot.contains("hash:        " + hash), dot);
        assertTrue(dot.contains("permissions: P"), dot);
        assertTrue(dot.contains("registry:    Valid"), dot);
        String key = run("inspect", bob.toString());
        assertTrue(key.contains("comment:   bob"), key);
        assertTrue(key.contains("signature: valid"), key);

        try (Router router = Router.start(RouterConfig.builder().port(0).dataDir(data).build());
             BosswaveClient c = Bosswave.connect(router.address())) {
            c.setEntityFile(bob);
            c.publish(PublishParams.uri("bob.ns/x/1").payload(PayloadObject.ofString("ok")));
        }
        run("revoke", "--data", data.toString(), "-k", ns.toString(), "--dot", hash);
        assertTrue(run("inspect", dir.resolve("bob.dot").toString(), "--data", data.toString())
                .contains("registry:    Revoked"));
        try (Router router = Router.start(RouterConfig.builder().port(0).dataDir(data).build());
             BosswaveClient c = Bosswave.connect(router.address())) {
            c.setEntityFile(bob);
            RouterErrorException e = assertThrows(RouterErrorException.class,
                    () -> c.publish(PublishParams.uri("bob.ns/x/1").payload(PayloadObject.ofString("no"))));
            assertEquals(401, e.code());
        }
    }

    /** The router alone has no client: --agent is refused with what to run instead (bosswave-tools tests it). */
    @Test
    void agentNeedsTheToolsCommandLine() throws Exception {
        Path data = dir.resolve("data");
        LocalNamespace ns = LocalNamespace.create(data, dir.resolve("keys"), "solo.ns", List.of("user"), "PC*L", 2, null);
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = RouterMain.commandLine().execute("mkalias", "--agent", "127.0.0.1:1", "-k",
                    ns.namespaceKey().toString(), "--alias", "x.alias", "--value", ns.namespaceVk());
        } finally {
            System.setErr(old);
        }
        assertEquals(1, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--agent needs the bw2 of bosswave-tools"), err.toString());
    }

    @Test
    void configFileErrorsNameTheKeyAndFlagsOverrideTheFile() throws Exception {
        Path cfg = dir.resolve("bw2.properties");
        Files.writeString(cfg, "listen = 127.0.0.1:1234\nmaxConnections = lots\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RouterConfig.builder().load(cfg));
        assertTrue(e.getMessage().contains("'maxConnections'") && e.getMessage().contains("lots"), e.getMessage());
        Files.writeString(cfg, "colour = blue\n");
        e = assertThrows(IllegalArgumentException.class, () -> RouterConfig.builder().load(cfg));
        assertTrue(e.getMessage().contains("'colour'") && e.getMessage().contains("unknown key"), e.getMessage());
        Files.writeString(cfg, "listen = 127.0.0.1:1234\ndata = " + dir.resolve("d") + "\nsubscriptionQueue = 7\n");
        RouterConfig c = RouterConfig.builder().load(cfg).listen("127.0.0.1:0").build();
        assertEquals(0, c.port());
        assertEquals(7, c.subscriptionQueue());
        assertEquals(dir.resolve("d"), c.dataDir());
        e = assertThrows(IllegalArgumentException.class, () -> RouterConfig.builder().listen("nohost"));
        assertTrue(e.getMessage().startsWith("listen:"), e.getMessage());
    }
}
