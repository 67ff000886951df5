package org.spawnpoint.spawnable;

import java.nio.file.Path;
import org.spawnpoint.bosswave.router.Router;
import org.spawnpoint.bosswave.router.RouterConfig;
import org.spawnpoint.bosswave.router.RouterMain;
import picocli.CommandLine;

/**
 * A real router on a free loopback port with the namespace {@code scratch.ns} and a user entity granted
 * {@code PC*L} on it, made with the router's own {@code bw2 init}. For integration tests; close it after.
 */
final class LocalRouter implements AutoCloseable {
    static final String NAMESPACE = "scratch.ns";

    final Router router;
    final Path userKey;

    private LocalRouter(Router router, Path userKey) {
        this.router = router;
        this.userKey = userKey;
    }

    static LocalRouter start(Path dir) {
        Path data = dir.resolve("data");
        Path keys = dir.resolve("keys");
        int rc = new CommandLine(new RouterMain()).execute("init", "--data", data.toString(), "--out", keys.toString(),
                "--alias", NAMESPACE);
        if (rc != 0) {
            throw new IllegalStateException("bw2 init failed with exit code " + rc);
        }
        Router router = Router.start(RouterConfig.builder().listen("127.0.0.1:0").dataDir(data).build());
        return new LocalRouter(router, keys.resolve("user.key"));
    }

    String address() {
        return router.address();
    }

    @Override
    public void close() {
        router.close();
    }
}
