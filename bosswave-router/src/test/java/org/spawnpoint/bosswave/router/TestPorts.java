package org.spawnpoint.bosswave.router;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports for the servers a test starts (routers, nats-server), chosen below the kernel's ephemeral range. A
 * port the kernel hands out for {@code bind(0)} is from that range, and between the test closing its probe socket and
 * the server binding it, any outgoing connection on the machine may take it: CI failed once with nats-server's
 * "can't listen to the monitor port ... address already in use" while other work made connections.
 */
final class TestPorts {
    private static final int LOW = 20_000;

    private TestPorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago, below the ephemeral range when there is room there. */
    static int free() throws IOException {
        int high = ephemeralStart() - 1;
        if (high - LOW < 1_000) {
            try (ServerSocket s = new ServerSocket(0)) {
                return s.getLocalPort();
            }
        }
        for (int i = 0; i < 200; i++) {
            int port = LOW + ThreadLocalRandom.current().nextInt(high - LOW + 1);
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new InetSocketAddress("127.0.0.1", port));
                return port;
            } catch (BindException taken) {
                // another test's server: try another
            }
        }
        throw new IOException("no free loopback port between " + LOW + " and " + high + " in 200 tries");
    }

    private static int ephemeralStart() {
        try {
            return Integer.parseInt(Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim()
                    .split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768; // Linux's default
        }
    }
}
