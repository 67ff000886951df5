package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceConfig;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * A deploy by our spawnclient to our spawnd, over a real router and the real engine, watched by an entity with
 * {@code C*} on the whole namespace (the {@code bw2 init} user): the service starts with its entity at
 * /srv/spawnpoint/entity.key (0400), and no message on the bus carries that entity's private key.
 */
class SealedDeployIT {
    @TempDir
    Path dir;

    @Test
    void nsWideSubscriberSeesNoKeyBytesWhileTheServiceGetsItsEntity() throws Exception {
        String name = "sealed-" + Long.toHexString(System.nanoTime());
        try (TestSpawnpoint sp = TestSpawnpoint.start(dir, "sealer")) {
            sp.startDaemon("1G", 2048, Map.of());
            // The service's entity is one the deployer holds as a file: its private key must stay private.
            byte[] entityFile = Files.readAllBytes(sp.strangerKey);
            byte[] sk = Arrays.copyOfRange(entityFile, 1, 33);
            List<byte[]> seen = new CopyOnWriteArrayList<>();
            String token = "token=" + HexFormat.of().formatHex(sk, 0, 12);
            String tokenHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
            try (BosswaveClient snoop = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build());
                 BosswaveClient user = Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build())) {
                snoop.setEntityFile(sp.userKey);
                snoop.subscribe(SubscribeParams.uri(TestSpawnpoint.NAMESPACE + "/*").autoChain(true), m -> {
                    for (PayloadObject po : m.payloadObjects()) {
                        seen.add(po.content());
                    }
                });
                user.setEntityFile(sp.userKey);
                for (int i = 0; i < 200 && user.queryOne(QueryParams.uri(SpawnUris.heartbeat(sp.path()))).isEmpty(); i++) {
                    Thread.sleep(50); // the first heartbeat is on its way
                }
                Files.writeString(dir.resolve("secret.conf"), token);
                Files.writeString(dir.resolve("svc.yml"), "entity: " + sp.strangerKey + "\nimage: "
                        + TestSpawnpoint.IMAGE + "\nrun: [sh, -c, 'stat -c mode=%a /srv/spawnpoint/entity.key;"
                        + " sha256sum secret.conf; sha256sum /srv/spawnpoint/entity.key; sleep 600']\n"
                        + "includedFiles: [secret.conf]\nmemAlloc: 32M\ncpuShares: 64\n");
                ServiceConfig cfg = ServiceConfig.parse(Files.readString(dir.resolve("svc.yml"))).withServiceName(name);
                List<LogEntry> log = new CopyOnWriteArrayList<>();
                List<String> warnings = new ArrayList<>();
                String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(entityFile));
                try (LogTail tail = SpawnClients.create(user).deploy(sp.path(), cfg, dir, log::add, warnings::add)) {
                    long end = System.currentTimeMillis() + 60_000;
                    while (System.currentTimeMillis() < end
                            && log.stream().noneMatch(e -> e.contents().startsWith(hash))) {
                        Thread.sleep(50);
                    }
                }
                String dump = String.join("\n", log.stream().map(LogEntry::contents).toList());
                assertTrue(dump.contains("[SUCCESS] Container (re)start successful"), dump);
                assertTrue(dump.contains("mode=400"), dump);
                assertTrue(log.stream().anyMatch(e -> e.contents().startsWith(hash + "  /srv/spawnpoint/entity.key")),
                        "the container has the very entity file:\n" + dump);
                assertEquals(List.of(), warnings, "our spawnd advertises its seal key");
                assertTrue(log.stream().anyMatch(e -> e.contents().startsWith(tokenHash + "  secret.conf")),
                        "the included file arrived (it went sealed with the entity):\n" + dump);
            }
            assertTrue(seen.size() > 3, "the subscriber saw the deploy's traffic: " + seen.size() + " messages");
            assertTrue(seen.stream().anyMatch(b -> new String(b, StandardCharsets.ISO_8859_1).contains("sealedEntity:")),
                    "the config went sealed");
            List<byte[]> secrets = List.of(sk, entityFile, Base64.getEncoder().encode(entityFile),
                    Base64.getEncoder().encode(sk), Base64.getUrlEncoder().encode(sk),
                    HexFormat.of().formatHex(sk).getBytes(StandardCharsets.US_ASCII),
                    token.getBytes(StandardCharsets.UTF_8));
            // The check would catch the plain form: its YAML carries the entity file's base64.
            byte[] plain = ServiceConfig.builder().serviceName(name).build().withEntityFile(entityFile).toYaml()
                    .getBytes(StandardCharsets.UTF_8);
            assertTrue(contains(plain, secrets.get(2)));
            for (byte[] payload : seen) {
                for (byte[] secret : secrets) {
                    assertFalse(contains(payload, secret), "a payload on the bus carries the service's private key");
                }
            }
        }
    }

    private static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int k = 0; k < needle.length; k++) {
                if (hay[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
