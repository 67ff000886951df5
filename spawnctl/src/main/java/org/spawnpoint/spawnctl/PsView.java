package org.spawnpoint.spawnctl;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spawnpoint.spawnclient.Fleet;
import org.spawnpoint.spawnclient.FleetService;
import org.spawnpoint.spawnclient.Spawnpoint;
import org.spawnpoint.spawnclient.model.UriGlob;

/** The output of {@code spawnctl ps}: an aligned table, or a JSON document. */
final class PsView {
    private static final String[] HEAD = {"SPAWNPOINT", "SERVICE", "STATE", "HEALTH", "MEM MiB", "CPU", "UPTIME", "RESTARTS"};

    private PsView() {
    }

    /** The services shown: live ones, or with {@code all} every one found (sorted by spawnpoint, then name). */
    static List<FleetService> shown(Fleet fleet, boolean all, Instant now) {
        return all ? fleet.services() : fleet.liveServices(now);
    }

    static void table(PrintWriter out, Style st, Fleet fleet, boolean all, Instant now) {
        List<FleetService> rows = shown(fleet, all, now);
        if (rows.isEmpty()) {
            long live = fleet.liveSpawnpoints(now).size();
            out.println("No " + (all ? "" : "live ") + "services under " + fleet.baseUri() + " (" + live + " live "
                    + "spawnpoint(s)" + (all ? "" : ", " + (fleet.spawnpoints().size() - live) + " stale; --all shows "
                    + "stale ones") + ")");
            return;
        }
        List<String[]> cells = new ArrayList<>();
        for (FleetService s : rows) {
            List<String> c = new ArrayList<>(List.of(UriGlob.shortName(fleet.baseUri(), s.spawnpointUri()), s.name(),
                    s.state(), s.health().isEmpty() ? "-" : s.health(),
                    String.format(Locale.ROOT, "%.1f/%d", s.memUsage(), s.memAlloc()),
                    String.format(Locale.ROOT, "%.1f%%", s.cpuPercent()),
                    s.uptime(now).map(PsView::uptime).orElse("-"), Long.toString(s.restarts())));
            if (all) {
                c.add(Formats.age(s.lastSeen(), now) + (spawnpointLive(fleet, s, now) ? "" : " (spawnpoint down)"));
            }
            cells.add(c.toArray(String[]::new));
        }
        String[] head = all ? append(HEAD, "SEEN") : HEAD;
        int[] width = new int[head.length];
        for (int i = 0; i < head.length; i++) {
            width[i] = head[i].length();
            for (String[] r : cells) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        out.println(line(head, width, null, st));
        for (int r = 0; r < cells.size(); r++) {
            out.println(line(cells.get(r), width, rows.get(r), st));
        }
    }

    private static boolean spawnpointLive(Fleet fleet, FleetService s, Instant now) {
        return fleet.spawnpointOf(s).map(sp -> sp.isAlive(now)).orElse(false);
    }

    /** One row, padded on the plain text and coloured afterwards so that colours do not break the alignment. */
    private static String line(String[] cells, int[] width, FleetService row, Style st) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String pad = i == cells.length - 1 ? "" : " ".repeat(width[i] - cells[i].length() + 2);
            sb.append(row == null ? cells[i] : colour(st, i, cells[i], row)).append(pad);
        }
        return sb.toString().stripTrailing();
    }

    private static String colour(Style st, int column, String text, FleetService s) {
        if (column == 2) {
            return s.state().equals(FleetService.RUNNING) ? st.green(text) : st.red(text);
        }
        if (column == 3) {
            return switch (s.health()) {
                case "healthy" -> st.green(text);
                case "unhealthy" -> st.red(text);
                case "starting" -> st.yellow(text);
                default -> text;
            };
        }
        return text;
    }

    private static String[] append(String[] a, String s) {
        String[] out = java.util.Arrays.copyOf(a, a.length + 1);
        out[a.length] = s;
        return out;
    }

    /** Compact uptime: {@code 45s}, {@code 12m5s}, {@code 3h4m}, {@code 2d5h}. */
    static String uptime(Duration d) {
        long s = d.getSeconds();
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m" + s % 60 + "s";
        }
        if (s < 86_400) {
            return s / 3600 + "h" + s % 3600 / 60 + "m";
        }
        return s / 86_400 + "d" + s % 86_400 / 3600 + "h";
    }

    static Map<String, Object> json(Fleet fleet, boolean all, Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("baseUri", fleet.baseUri());
        List<Object> sps = new ArrayList<>();
        for (Spawnpoint sp : fleet.spawnpoints().values()) {
            if (all || sp.isAlive(now)) {
                Map<String, Object> m = JsonViews.spawnpoint(sp, now);
                m.put("alive", sp.isAlive(now));
                sps.add(m);
            }
        }
        doc.put("spawnpoints", sps);
        List<Object> services = new ArrayList<>();
        for (FleetService s : shown(fleet, all, now)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("spawnpoint", s.spawnpointUri());
            m.put("name", s.name());
            m.put("state", s.state());
            m.put("health", s.health());
            m.put("healthDetail", s.healthDetail());
            m.put("memUsageMiB", s.memUsage());
            m.put("memAllocMiB", s.memAlloc());
            m.put("cpuPercent", s.cpuPercent());
            m.put("cpuShares", s.cpuShares());
            m.put("startedAt", s.startedAt().map(Instant::toString).orElse(null));
            m.put("uptimeSeconds", s.uptime(now).map(Duration::getSeconds).orElse(null));
            m.put("restarts", s.restarts());
            m.put("lastSeen", s.lastSeen().toString());
            m.put("ageMillis", s.age(now).toMillis());
            m.put("fresh", s.isFresh(now));
            m.put("spawnpointAlive", spawnpointLive(fleet, s, now));
            services.add(m);
        }
        doc.put("services", services);
        return doc;
    }
}
