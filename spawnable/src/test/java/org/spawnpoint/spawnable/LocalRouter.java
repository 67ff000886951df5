package org.spawnpoint.spawnable;

import java.nio.file.Path;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;
import org.spawnpoint.bosswave.router.RouterMain;
import picocli.CommandLine;

/**
 * A real router on a free loopback port with the namespace {@code scratch.ns}, a user entity granted {@code PC*L} on
 * it and an entity without grants, made with the router's own {@code bw2 init} and {@code mkentity}. For integration
 * tests; close it after.
 */
final class LocalRouter implements AutoCloseable {
    static final String NAMESPACE = "scratch.ns";

    final Router router;
    final Path userKey;
    /** A registered entity with no grant at all. */
    final Path strangerKey;

    private LocalRouter(Router router, Path userKey, Path strangerKey) {
        this.router = router;
        this.userKey = userKey;
        this.strangerKey = strangerKey;
    }

    static LocalRouter start(Path dir) {
        Path data = dir.resolve("data");
        Path keys = dir.resolve("keys");
        int rc = new CommandLine(new RouterMain()).execute("init", "--data", data.toString(), "--out", keys.toString(),
                "--alias", NAMESPACE, "--entity", "spawnd", "--entity", "user");
        if (rc != 0) {
            throw new IllegalStateException("bw2 init failed with exit code " + rc);
        }
        Path stranger = keys.resolve("stranger.key");
        rc = new CommandLine(new RouterMain()).execute("mkentity", "--data", data.toString(), "-o", stranger.toString());
        if (rc != 0) {
            throw new IllegalStateException("bw2 mkentity failed with exit code " + rc);
        }
        Router router = Router.start(RouterConfig.builder().listen("127.0.0.1:0").dataDir(data).build());
        return new LocalRouter(router, keys.resolve("user.key"), stranger);
    }

    String address() {
        return router.address();
    }

    @Override
    public void close() {
        router.close();
    }
}
