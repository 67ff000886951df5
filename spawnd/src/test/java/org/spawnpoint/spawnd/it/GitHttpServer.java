package org.spawnpoint.spawnd.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A git repository served over HTTP from the host (git's "dumb" protocol: plain files plus {@code info/refs}), on
 * the Docker bridge so that image builds can clone it.
 */
final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final String host;

    private GitHttpServer(HttpServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Makes a repository holding {@code files} (name, content pairs) and serves it. */
    static GitHttpServer serve(Path dir, String... files) throws Exception {
        Path work = dir.resolve("work");
        Files.createDirectories(work);
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(work.resolve(files[i]), files[i + 1]);
        }
        git(work, "init", "-q", "-b", "main");
        git(work, "add", ".");
        git(work, "-c", "user.name=it", "-c", "user.email=it@example.org", "commit", "-q", "-m", "test service");
        Path bare = dir.resolve("repo.git");
        git(dir, "clone", "-q", "--bare", work.toString(), bare.toString());
        git(bare, "update-server-info");

        String host = bridgeAddress();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(host), 0), 0);
        server.createContext("/repo.git/", exchange -> {
            Path file = bare.resolve(exchange.getRequestURI().getPath().substring("/repo.git/".length())).normalize();
            if (!file.startsWith(bare) || !Files.isRegularFile(file)) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            byte[] body = Files.readAllBytes(file);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return new GitHttpServer(server, host);
    }

    String url() {
        return "http://" + host + ":" + server.getAddress().getPort() + "/repo.git";
    }

    static String bridgeAddress() throws IOException {
        NetworkInterface docker0 = NetworkInterface.getByName("docker0");
        if (docker0 != null) {
            for (InetAddress a : java.util.Collections.list(docker0.getInetAddresses())) {
                if (a instanceof Inet4Address) {
                    return a.getHostAddress();
                }
            }
        }
        return "172.17.0.1";
    }

    private static void git(Path cwd, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("git"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
