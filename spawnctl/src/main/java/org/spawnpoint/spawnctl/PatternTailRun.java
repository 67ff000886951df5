package org.spawnpoint.spawnctl;

import java.time.Instant;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.LogTail;
import org.spawnpoint.spawnclient.SpawnClient;
import org.spawnpoint.spawnclient.model.UriGlob;

/**
 * {@code spawnctl tail} with patterns (or {@code --since}): follows every matching service on every matching
 * spawnpoint, those that appear later included, each line prefixed with its origin ({@link OriginPrinter}).
 */
final class PatternTailRun {
    private PatternTailRun() {
    }

    static int run(SpawnCtl root, String spPattern, String namePattern, String since, boolean noTail) {
        var entity = root.entityFile();
        UriGlob sp;
        UriGlob svc;
        try {
            sp = UriGlob.uri(spPattern);
            svc = UriGlob.name(namePattern == null ? "*" : namePattern);
        } catch (IllegalArgumentException e) {
            throw CtlException.usage("Invalid pattern: " + e.getMessage());
        }
        Instant from = since == null ? null : Since.parse(since, root.ctx.clock().instant(), root.ctx.zone());
        OriginPrinter printer = new OriginPrinter(root, sp.literalPrefix());
        try (SpawnClient client = root.connect(entity)) {
            Fleet fleet = client.fleet(sp.literalPrefix());
            Instant now = root.ctx.clock().instant();
            long spawnpoints = fleet.liveSpawnpoints(now).stream().filter(s -> sp.matches(s.uri())).count();
            long services = fleet.liveServices(now).stream()
                    .filter(s -> sp.matches(s.spawnpointUri()) && svc.matches(s.name())).count();
            if (!noTail) {
                // Before the history, so that it reads as the start of what is followed.
                LogFollow.announce(root, "Following " + services + " service(s) named " + svc + " on " + spawnpoints
                        + " live spawnpoint(s) matching " + sp + ", and any that appear. Press Ctrl-C to quit.");
            }
            LogTail tail = client.tailMatching(sp.text(), svc.text(), from, printer, w -> {
                synchronized (root.ctx.out()) {
                    root.ctx.err().println(root.style().yellow("[WARN]") + " " + w);
                    root.ctx.err().flush();
                }
            });
            if (noTail) {
                tail.close();
                return ExitCodes.OK;
            }
            return LogFollow.untilInterrupted(root, tail);
        }
    }
}
