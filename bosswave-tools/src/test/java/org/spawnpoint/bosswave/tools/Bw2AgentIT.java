package org.spawnpoint.bosswave.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.router.LocalNamespace;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;

/** bw2's registry tools against a running router ({@code --agent}), in this JVM, with a real router on loopback. */
class Bw2AgentIT {
    @TempDir
    Path dir;

    private static String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Bw2.run(args);
        } finally {
            System.setOut(old);
        }
        String out = buf.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, "bw2 " + String.join(" ", args) + " failed: " + out);
        return out;
    }

    @Test
    void registryToolsAgainstARunningRouter() throws Exception {
        Path data = dir.resolve("data");
        Path keys = dir.resolve("keys");
        LocalNamespace ns = LocalNamespace.create(data, keys, "live.ns", List.of("user"), "PC*L", 2, null);
        try (Router router = Router.start(RouterConfig.builder().port(0).dataDir(data).build())) {
            String agent = router.address();
            Path svc = dir.resolve("svc.key");
            String vk = run("mkentity", "--agent", agent, "-k", ns.member("user").keyFile().toString(), "-o", svc.toString(),
                    "--contact", "svc").split(" ")[0];
            assertEquals(44, vk.length());
            String hash = run("mkdot", "--agent", agent, "-f", ns.member("user").keyFile().toString(), "-t", svc.toString(),
                    "-u", "live.ns/svc/*", "-x", "PC", "-o", dir.resolve("svc.dot").toString()).trim();
            assertTrue(run("inspect", dir.resolve("svc.dot").toString()).contains(hash));
            run("mkalias", "--agent", agent, "-k", ns.namespaceKey().toString(), "--alias", "svc.alias", "--value",
                    ns.namespaceVk());
            try (BosswaveClient c = Bosswave.connect(agent)) {
                c.setEntityFile(svc);
                c.publish(PublishParams.uri("svc.alias/svc/x").payload(PayloadObject.ofString("ok")));
                run("revoke", "--agent", agent, "-k", ns.member("user").keyFile().toString(), "--dot", hash);
                RouterErrorException e = assertThrows(RouterErrorException.class,
                        () -> c.publish(PublishParams.uri("live.ns/svc/x").payload(PayloadObject.ofString("no"))));
                assertEquals(401, e.code());
            }
            assertNotEquals(0, Bw2.run("mkalias", "--alias", "x", "--value", vk),
                    "neither --data nor --agent");
        }
    }
}
