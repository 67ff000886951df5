package org.spawnpoint.spawnd.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.Outcome;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.SpawnClients;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnclient.model.SpawnUris;
import org.spawnpoint.spawnd.daemon.ServiceState;

/**
 * Issue 16 on the real engine: health checks run by spawnd (HTTP to the container's address, exec in the container),
 * unhealthy services restarted under their restart policy, and a crash loop that backs off to its cap, starts a new
 * series after a healthy period, gives up at its limit and is revived by a restart by hand (what spawnctl restart
 * sends).
 */
class HealthCheckIT {
    @TempDir
    static Path dir;
    static TestSpawnpoint sp;
    static ServiceLog log;

    @BeforeAll
    static void start() throws Exception {
        sp = TestSpawnpoint.start(dir, "health");
        sp.startDaemon("1G", 2048, Map.of());
        log = ServiceLog.follow(sp);
    }

    @AfterAll
    static void stop() {
        if (log != null) {
            log.close();
        }
        if (sp != null) {
            sp.close();
        }
    }

    static void deploy(String name, String body) throws Exception {
        String yaml = "serviceName: " + name + "\nentity: " + Base64.getEncoder().encodeToString(
                Files.readAllBytes(sp.userKey)) + "\nimage: " + TestSpawnpoint.IMAGE
                + "\nmemAlloc: 64M\ncpuShares: 128\n" + body;
        log.user.publish(PublishParams.uri(SpawnUris.configSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.of(PoNum.SPAWNPOINT_CONFIG, yaml.getBytes())));
    }

    /** Every heartbeat of {@code name} from now on. */
    static List<ServiceHeartbeat> heartbeats(String name) {
        List<ServiceHeartbeat> out = new CopyOnWriteArrayList<>();
        log.user.subscribe(SubscribeParams.uri(SpawnUris.serviceHeartbeat(sp.path(), name)).autoChain(true),
                m -> m.payload(PoNum.SPAWNPOINT_SVC_HB).ifPresent(p -> out.add(ServiceHeartbeat.decode(p.content()))));
        return out;
    }

    static ServiceHeartbeat awaitHeartbeat(List<ServiceHeartbeat> hbs, Predicate<ServiceHeartbeat> what, String desc)
            throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            for (ServiceHeartbeat h : hbs) {
                if (what.test(h)) {
                    return h;
                }
            }
            Thread.sleep(50);
        }
        List<String> seen = new ArrayList<>();
        hbs.forEach(h -> seen.add(h.state() + "/" + h.health() + "/" + h.restarts()));
        throw new AssertionError("no heartbeat with " + desc + "; saw " + seen + "\nlog:\n" + log.dump());
    }

    /**
     * A tiny HTTP server in Perl (the image has no Python): on the container's first run it answers 200 for three
     * seconds and 503 after; on later runs (docker restart keeps /tmp) it answers 200.
     */
    static final String FLAKY_HTTP = """
            run:
              - perl
              - -e
              - |
                use IO::Socket::INET; $| = 1;
                my $first = ! -e "/tmp/ran"; open(my $f, ">", "/tmp/ran"); close $f;
                my $t0 = time;
                my $s = IO::Socket::INET->new(LocalPort => 8080, Listen => 5, ReuseAddr => 1) or die "listen: $!";
                print "listening first=", ($first ? 1 : 0), "\\n";
                while (my $c = $s->accept) {
                  while (my $h = <$c>) { last if $h =~ /^\\r?\\n$/ }
                  my $bad = $first && time - $t0 >= 3;
                  print $c ($bad ? "HTTP/1.0 503 Unavailable\\r\\nContent-Length: 0\\r\\n\\r\\n"
                                 : "HTTP/1.0 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nok");
                  close $c;
                }
            autoRestart: true
            healthCheck:
              http: "http://localhost:8080/health"
              interval: 300ms
              timeout: 1s
              retries: 2
              startPeriod: 2s
            restartPolicy:
              backoff: 500ms
            """;

    @Test
    void anHttpCheckThatTurnsUnhealthyRestartsTheServiceWhichIsHealthyAgain() throws Exception {
        List<ServiceHeartbeat> hbs = heartbeats("web");
        deploy("web", FLAKY_HTTP);
        log.await("web", s -> s.startsWith("[INFO] Service healthy after") && s.endsWith("GET /health -> 200"),
                "first healthy");
        awaitHeartbeat(hbs, h -> h.health().equals("healthy") && h.startedAtNanos() > 0, "healthy");
        log.await("web", s -> s.equals("[WARN] Service unhealthy: GET /health -> 503 (2 of 2)"), "unhealthy");
        ServiceHeartbeat down = awaitHeartbeat(hbs, h -> h.health().equals("unhealthy"), "unhealthy");
        assertEquals("GET /health -> 503", down.healthDetail());
        log.await("web", s -> s.startsWith("[FAILURE] Container stopped: unhealthy, GET /health -> 503; restarting in"),
                "restart scheduled");
        log.await("web", s -> s.equals("listening first=0"), "the second run");
        ServiceHeartbeat again = awaitHeartbeat(hbs, h -> h.health().equals("healthy") && h.restarts() == 1,
                "healthy again after one restart");
        assertEquals("", again.state());
        assertTrue(again.startedAtNanos() > down.timeNanos() - 5_000_000_000L, "a new start time");
        ServiceInfo seen = SpawnClients.create(log.user).inspect(sp.path()).services().get("web");
        assertEquals("healthy", seen.health(), "inspect (and scan) show it");
        assertEquals(1, seen.restarts());
        assertEquals(1, log.entries.stream().filter(e -> e.service().equals("web")
                && e.contents().startsWith("[WARN] Service unhealthy")).count(), "one unhealthy episode:\n" + log.dump());
    }

    @Test
    void anExecCheckWithoutAutoRestartOnlyReports() throws Exception {
        List<ServiceHeartbeat> hbs = heartbeats("filecheck");
        deploy("filecheck", """
                run: [sh, -c, 'touch /tmp/ok; sleep 2; rm /tmp/ok; echo removed; sleep 600']
                healthCheck: {exec: [sh, -c, 'test -f /tmp/ok || { echo no file; exit 4; }'], interval: 300ms, retries: 2}
                """);
        log.await("filecheck", s -> s.startsWith("[INFO] Service healthy after") && s.endsWith("-> exit 0"), "healthy");
        log.await("filecheck", s -> s.equals("[WARN] Service unhealthy: exec [sh, -c, test -f /tmp/ok || { echo no"
                + " file; exit 4; }] -> exit 4: no file (2 of 2); not restarted (autoRestart is off)"), "unhealthy");
        awaitHeartbeat(hbs, h -> h.health().equals("unhealthy") && h.healthDetail().endsWith("-> exit 4: no file"),
                "unhealthy with the command's output");
        Thread.sleep(1000);
        assertEquals(ServiceState.RUNNING, sp.daemon.manager().states().get("filecheck"), "still running");
        log.user.publish(PublishParams.uri(SpawnUris.stopSlot(sp.path())).autoChain(true)
                .payload(PayloadObject.ofString("filecheck")));
        log.await("filecheck", s -> s.contains("[SUCCESS] Service stopped"), "stop");
    }

    /**
     * Runs 1-4 exit at once (delays 200, 400, 800, 800 ms: the cap), run 5 stays up 4 s (longer than resetAfter, so
     * the next series starts at 200 ms again), runs 6-8 exit at once, and run 9's exit is the 5th of its series:
     * given up. A restart by hand then runs run 10, which stays up.
     */
    @Test
    void aCrashLoopBacksOffToTheCapResetsAfterAHealthyPeriodGivesUpAndIsRevivedByHand() throws Exception {
        List<ServiceHeartbeat> hbs = heartbeats("loop");
        deploy("loop", """
                run: [sh, -c, 'n=$(cat /tmp/n 2>/dev/null || echo 0); n=$((n+1)); echo $n > /tmp/n; echo run-$n;
                      if [ $n -eq 5 ]; then sleep 4; fi; if [ $n -ge 10 ]; then echo steady; exec sleep 600; fi; exit 3']
                autoRestart: true
                restartPolicy: {backoff: 200ms, maxBackoff: 800ms, resetAfter: 3s, maxRestarts: 4}
                """);
        LogEntry gaveUp = log.await("loop", s -> s.contains("giving up after 4 restarts in a row"), "given up");
        assertTrue(gaveUp.contents().startsWith("[FAILURE] Container stopped: exited with code 3; last output: run-9;"),
                gaveUp.contents());
        List<Long> delays = new ArrayList<>();
        Pattern p = Pattern.compile("restarting in (\\d+)(ms|s)");
        for (LogEntry e : log.entries) {
            Matcher m = p.matcher(e.contents());
            if (e.service().equals("loop") && m.find()) {
                delays.add(Long.parseLong(m.group(1)) * (m.group(2).equals("s") ? 1000 : 1));
            }
        }
        long[] expected = {200, 400, 800, 800, 200, 400, 800, 800};
        assertEquals(expected.length, delays.size(), "eight restarts:\n" + log.dump());
        for (int i = 0; i < expected.length; i++) {
            long d = delays.get(i);
            assertTrue(d <= expected[i] && d >= expected[i] * 8 / 10,
                    "restart " + (i + 1) + " waited " + d + " ms, expected " + expected[i] + " less at most a fifth: "
                            + delays);
        }
        ServiceHeartbeat given = awaitHeartbeat(hbs, h -> h.state().equals("given-up"), "given-up");
        assertEquals(8, given.restarts());
        assertTrue(given.healthDetail().startsWith("gave up after 4 restarts in a row"), given.healthDetail());
        assertEquals(ServiceState.GIVEN_UP, sp.daemon.manager().states().get("loop"));
        ServiceInfo seen = SpawnClients.create(log.user).inspect(sp.path()).services().get("loop");
        assertTrue(seen.givenUp(), "inspect (and scan) show it: " + seen);
        Thread.sleep(1500);
        assertTrue(log.entries.stream().noneMatch(e -> e.contents().equals("run-10")), "no restart while given up");

        try (LogTail t = SpawnClients.create(log.user).restart(sp.path(), "loop", e -> { })) {
            Outcome o = t.outcome().get(60, TimeUnit.SECONDS);
            assertTrue(o.success(), o.message());
        }
        log.await("loop", s -> s.equals("steady"), "run 10 stays up");
        awaitHeartbeat(hbs, h -> h.state().isEmpty() && h.startedAtNanos() > given.timeNanos(), "running again");
        assertEquals(ServiceState.RUNNING, sp.daemon.manager().states().get("loop"));
    }
}
