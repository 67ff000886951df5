package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;

/** One router on several addresses ({@code alsoListen}): each serves the same router; a busy one fails the start. */
class ListenersIT {
    @TempDir
    Path dir;

    private static int freePort(String host) throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return s.getLocalPort();
        }
    }

    @Test
    void everyAddressServesTheSameRouter() throws Exception {
        int second = freePort("127.0.0.2");
        try (Router r = Router.start(RouterConfig.builder().listen("127.0.0.1:0").dataDir(dir)
                .alsoListen(List.of("127.0.0.2:" + second)).build())) {
            for (String address : List.of(r.address(), "127.0.0.2:" + second)) {
                try (BosswaveClient c = Bosswave.connect(ClientOptions.builder().address(address).build())) {
                    assertEquals(RouterConfig.DEFAULT_VERSION, c.agentVersion(), address);
                }
            }
        }
    }

    @Test
    void anAddressInUseFailsTheStartAndReleasesTheOthers() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
            int main = freePort("127.0.0.1");
            UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Router.start(RouterConfig.builder()
                    .listen("127.0.0.1:" + main).dataDir(dir)
                    .alsoListen(List.of("127.0.0.2:" + busy.getLocalPort())).build()));
            assertTrue(e.getMessage().contains("127.0.0.2:" + busy.getLocalPort()), e.getMessage());
            try (Router again = Router.start(RouterConfig.builder().listen("127.0.0.1:" + main).dataDir(dir).build())) {
                assertEquals(main, again.port(), "the main address was released");
            }
        }
    }
}
