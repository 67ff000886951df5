package org.spawnpoint.benchmarks.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The peers, from Debian's packages: Mosquitto (MQTT) and nats-server, each on its own loopback port. */
public final class Peers {
    private Peers() {
    }

    /** The path of {@code program} (searched in PATH and the sbin directories Debian installs daemons to), or null. */
    public static Path find(String program) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return Path.of(dir, program);
            }
        }
        return null;
    }

    /**
     * Mosquitto with a config of its own: one listener on 127.0.0.1, anonymous clients, nothing persisted, Nagle off
     * like the other two brokers (Mosquitto's default leaves it on: p50 at 10k msg/s was 0.3-8 ms instead of tens of
     * µs), and no limit on a client's queue (the default 1000 only applies to QoS 1/2; said so QoS 0 is never cut).
     */
    public static Broker mosquitto(Path dir) throws IOException {
        Path exe = require("mosquitto");
        int port = Broker.freePort();
        Path conf = dir.resolve("mosquitto-" + port + ".conf");
        Files.writeString(conf, "listener " + port + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "set_tcp_nodelay true\nmax_queued_messages 0\nlog_dest stdout\nlog_type error\nlog_type warning\n");
        return new Broker("Mosquitto", new MqttProtocol("bench"), List.of(exe.toString(), "-c", conf.toString()),
                port, dir.resolve("mosquitto-" + port + ".log"));
    }

    /** nats-server on 127.0.0.1 with its defaults. */
    public static Broker nats(Path dir) throws IOException {
        Path exe = require("nats-server");
        int port = Broker.freePort();
        return new Broker("NATS", new NatsProtocol("bench"), List.of(exe.toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)), port, dir.resolve("nats-" + port + ".log"));
    }

    /** The nats-server binary (fails saying how to install it). */
    static String natsServer() throws IOException {
        return require("nats-server").toString();
    }

    private static Path require(String program) throws IOException {
        Path p = find(program);
        if (p == null) {
            throw new IOException(program + " is not installed: apt-get install -y mosquitto nats-server "
                    + "(bin/bench installs them when it may)");
        }
        return p;
    }
}
