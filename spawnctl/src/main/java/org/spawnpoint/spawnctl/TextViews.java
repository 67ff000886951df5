package org.spawnpoint.spawnctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.spawnclient.ServiceInfo;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.SpawnpointDetails;
import org.spawnpoint.spawnclient.model.Instants;

/** The text output of scan and inspect (spawnpoint-0.2.md §5.2). */
final class TextViews {
    /** Metadata older than this is not shown (the original's MetadataCutoff). */
    static final Duration METADATA_CUTOFF = Duration.ofMinutes(1);

    private TextViews() {
    }

    static void spawnpointLines(PrintWriter out, Style st, Spawnpoint sp, Instant now, ZoneId zone) {
        out.println(Formats.seenLine(st, sp.alias(), sp.lastSeen(), sp.isGood(now), sp.uri(), now, zone));
        out.println("  Available Memory: " + sp.availableMem() + " MB, Available Cpu Shares: " + sp.availableCpuShares());
    }

    static void details(PrintWriter out, Style st, SpawnpointDetails d, boolean all, Instant now, ZoneId zone) {
        out.println(st.blue("Metadata:"));
        for (Map.Entry<String, MetadataTuple> e : d.metadata().entrySet()) {
            Instant ts = Instants.ofNanos(e.getValue().timestampNanos());
            if (Duration.between(ts, now).compareTo(METADATA_CUTOFF) < 0) {
                out.println("  • " + e.getKey() + ": " + e.getValue().value());
            }
        }
        out.println(st.blue("Services:"));
        for (ServiceInfo s : d.services().values()) {
            if (all || s.isFresh(now)) {
                out.println("  • " + Formats.seenLine(st, s.name(), s.lastSeen(), s.isFresh(now), null, now, zone));
                out.println("      Memory: " + String.format(Locale.ROOT, "%.2f", s.memUsage()) + "/" + s.memAlloc()
                        + " MB, CPU Shares: ~" + s.cpuShareUsage() + "/" + s.cpuShares());
                if (!s.state().isEmpty()) {
                    out.println("      State: " + state(st, s));
                }
                String health = healthLine(st, s, now);
                if (!health.isEmpty()) {
                    out.println("      " + health);
                }
            }
        }
    }

    /** The state, red when the spawnpoint gave up on the service, with why. */
    private static String state(Style st, ServiceInfo s) {
        if (s.givenUp()) {
            return st.red(s.state()) + (s.healthDetail().isEmpty() ? "" : " (" + s.healthDetail() + ")");
        }
        return s.state();
    }

    /**
     * {@code Health: unhealthy (GET /health -> 503), Restarts: 2, Up: 1m5s}: what issue 16's heartbeat keys say, each
     * part only when the daemon reports it; empty for daemons that report none.
     */
    static String healthLine(Style st, ServiceInfo s, Instant now) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        if (!s.health().isEmpty()) {
            String h = switch (s.health()) {
                case "healthy" -> st.green(s.health());
                case "unhealthy" -> st.red(s.health());
                default -> st.yellow(s.health());
            };
            boolean why = s.health().equals("unhealthy") && !s.givenUp() && !s.healthDetail().isEmpty();
            parts.add("Health: " + h + (why ? " (" + s.healthDetail() + ")" : ""));
        }
        if (s.restarts() > 0 || !s.health().isEmpty() || s.givenUp()) {
            parts.add("Restarts: " + s.restarts());
        }
        s.startedAt().ifPresent(t -> parts.add("Up: " + Formats.age(t, now)));
        return String.join(", ", parts);
    }

    static void service(PrintWriter out, Style st, ServiceInfo s, String uri, Instant now, ZoneId zone) {
        out.println(Formats.seenLine(st, s.name(), s.lastSeen(), s.isFresh(now), uri, now, zone));
        out.println("CPU Usage: ~" + s.cpuShareUsage() + "/" + s.cpuShares() + " Shares");
        out.println("Memory Usage: " + String.format(Locale.ROOT, "%.2f", s.memUsage()) + "/" + s.memAlloc() + " MiB");
        if (!s.state().isEmpty()) {
            out.println("State: " + state(st, s));
        }
        String health = healthLine(st, s, now);
        if (!health.isEmpty()) {
            out.println(health);
        }
        if (!s.health().isEmpty() && !s.givenUp() && !s.healthDetail().isEmpty()) {
            out.println("Last Failed Check: " + s.healthDetail());
        }
        if (!s.originalConfig().isEmpty()) {
            out.println("Original Configuration File:");
            for (String line : s.originalConfig().split("\n")) {
                out.println("    " + line);
            }
        }
    }
}
