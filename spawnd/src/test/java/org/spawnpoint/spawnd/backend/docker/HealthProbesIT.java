package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.spawnpoint.spawnclient.model.HealthCheck;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.Labels;
import org.spawnpoint.spawnd.backend.ProbeResult;

/**
 * spawnd's health checks against a real container: TCP and HTTP to the container's bridge address, exec in the
 * container, each bounded by its timeout (a hanging endpoint or command costs the timeout, not more), and a timed-out
 * exec that is still running blocks the next one instead of piling up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HealthProbesIT {
    private static final String DEBIAN = "spawnpoint/debian:bookworm";
    /** Answers /ok with 200, /slow after 10 s, anything else with 404; one request at a time. */
    private static final String SERVER = """
            use IO::Socket::INET; $| = 1;
            my $s = IO::Socket::INET->new(LocalPort => 8080, Listen => 5, ReuseAddr => 1) or die "listen: $!";
            print "listening\\n";
            while (my $c = $s->accept) {
              my $req = <$c>; while (my $h = <$c>) { last if $h =~ /^\\r?\\n$/ }
              if ($req =~ m{^GET /slow}) { sleep 10; }
              my $st = $req =~ m{^GET /(ok|slow)} ? "200 OK" : "404 Not Found";
              print $c "HTTP/1.1 $st\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok";
              close $c;
            }
            """;

    private final String instanceId = "it-health-" + UUID.randomUUID();
    private DockerBackend backend;
    private String id;

    @BeforeAll
    void start() throws Exception {
        try {
            backend = DockerBackend.connect(instanceId);
        } catch (RuntimeException e) {
            fail("These tests need a Docker engine (run .ci/ensure-docker): " + e.getMessage());
        }
        id = backend.createAndStart(new ContainerSpec("it-probe-" + instanceId.substring(10, 16), DEBIAN,
                List.of("perl", "-e", SERVER), Map.of(), 64L << 20, 128, List.of(), null, null, List.of(), Map.of()));
        long end = System.currentTimeMillis() + 30_000;
        while (!backend.probe(id, tcp(8080, "1s")).healthy()) {
            if (System.currentTimeMillis() > end) {
                fail("the test server never listened");
            }
            Thread.sleep(100);
        }
    }

    @AfterAll
    void cleanUp() {
        if (backend == null) {
            return;
        }
        DockerClient docker = backend.client();
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Labels.INSTANCE, instanceId)).exec()) {
            docker.removeContainerCmd(c.getId()).withForce(true).exec();
        }
        backend.close();
    }

    static HealthCheck tcp(int port, String timeout) {
        return new HealthCheck(List.of(), "", port, "1s", timeout, 1, "");
    }

    static HealthCheck http(String path, String timeout) {
        return new HealthCheck(List.of(), "http://localhost:8080" + path, 0, "1s", timeout, 1, "");
    }

    static HealthCheck exec(String timeout, String... cmd) {
        return new HealthCheck(List.of(cmd), "", 0, "1s", timeout, 1, "");
    }

    @Test
    void tcpAndHttpReachTheContainersOwnAddress() {
        assertEquals(ProbeResult.ok("connected"), backend.probe(id, tcp(8080, "1s")));
        assertEquals(ProbeResult.failed("connection refused"), backend.probe(id, tcp(8081, "1s")));
        assertEquals(ProbeResult.ok("200"), backend.probe(id, http("/ok", "2s")));
        assertEquals(ProbeResult.failed("404"), backend.probe(id, http("/missing?x=1", "2s")));
    }

    @Test
    void aHangingEndpointCostsItsTimeoutAndNoMore() {
        long t0 = System.nanoTime();
        ProbeResult r = backend.probe(id, http("/slow", "500ms"));
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertEquals(ProbeResult.failed("timed out after 500ms"), r);
        assertTrue(ms < 3000, "took " + ms + " ms");
    }

    @Test
    void execRunsInTheContainerAndAStuckOneIsNotStartedTwice() {
        assertEquals(ProbeResult.ok("exit 0"), backend.probe(id, exec("2s", "test", "-d", "/srv/spawnpoint")));
        assertEquals(ProbeResult.failed("exit 2: no such thing"),
                backend.probe(id, exec("2s", "sh", "-c", "echo no such thing; exit 2")));
        long t0 = System.nanoTime();
        ProbeResult slow = backend.probe(id, exec("300ms", "sleep", "3"));
        long ms = Duration.ofNanos(System.nanoTime() - t0).toMillis();
        assertEquals(ProbeResult.failed("timed out after 300ms"), slow);
        assertTrue(ms < 2500, "took " + ms + " ms");
        ProbeResult next = backend.probe(id, exec("300ms", "true"));
        assertTrue(!next.healthy() && next.detail().startsWith("the previous check is still running"), next.detail());
    }
}
