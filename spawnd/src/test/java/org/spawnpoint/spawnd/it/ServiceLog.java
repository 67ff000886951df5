package org.spawnpoint.spawnd.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.ClientOptions;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnclient.model.LogEntry;
import org.spawnpoint.spawnclient.model.SpawnUris;

/**
 * A user connected to a test spawnpoint's router who records its log signal: what ITs read the daemon's reports
 * and the services' output from.
 */
final class ServiceLog implements AutoCloseable {
    /** The user's connection (entity {@code user.key}), for the test's own requests. */
    final BosswaveClient user;
    /** Every log message seen so far, in order. */
    final List<LogEntry> entries = new CopyOnWriteArrayList<>();

    private ServiceLog(BosswaveClient user) {
        this.user = user;
    }

    /** Connects as the spawnpoint's user and follows its log. */
    static ServiceLog follow(TestSpawnpoint sp) {
        ServiceLog l = new ServiceLog(Bosswave.connect(ClientOptions.builder().address(sp.router.address()).build()));
        l.user.setEntityFile(sp.userKey);
        l.user.subscribe(SubscribeParams.uri(SpawnUris.log(sp.path())).autoChain(true),
                m -> m.payload(PoNum.SPAWNPOINT_LOG).ifPresent(p -> l.entries.add(LogEntry.decode(p.content()))));
        return l;
    }

    /** The first message of {@code service} matching {@code what}, waiting up to a minute; fails showing the log. */
    LogEntry await(String service, Predicate<String> what, String description) throws InterruptedException {
        long end = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < end) {
            for (LogEntry e : entries) {
                if (e.service().equals(service) && what.test(e.contents())) {
                    return e;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no log of " + service + " with " + description + "; log was:\n" + dump());
    }

    /** The log so far, one {@code service: contents} per line. */
    String dump() {
        StringBuilder b = new StringBuilder();
        entries.forEach(e -> b.append(e.service()).append(": ").append(e.contents()).append('\n'));
        return b.toString();
    }

    @Override
    public void close() {
        user.close();
    }
}
