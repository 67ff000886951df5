package org.spawnpoint.benchmarks.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as a Markdown table (also what is printed) and as CSV, one line per figure and subject. */
public final class Tables {
    private Tables() {
    }

    /** A value with 3 significant figures or so: 425,312 → "425k"; 2.083 → "2.08"; 0.7 → "0.70". */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 10_000_000) {
            return String.format(Locale.ROOT, "%.1fM", v / 1e6);
        }
        if (a >= 100_000) {
            return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        }
        if (a >= 10_000) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    /** "min / median / max" for several rounds, the value alone for one. */
    public static String summary(Stats s) {
        if (s == null) {
            return "";
        }
        if (s.count() == 1 || s.min() == s.max()) {
            return number(s.median());
        }
        return number(s.min()) + " / " + number(s.median()) + " / " + number(s.max());
    }

    /**
     * A Markdown table: figure, unit, ours (min / median / max), each peer's, and ours ÷ each peer (of the medians),
     * with the note last.
     */
    public static String markdown(List<Row> rows) {
        StringBuilder b = new StringBuilder();
        b.append("| section | figure | unit | ours (min / median / max) | peers (min / median / max) | ours ÷ peer "
                + "| note |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            List<String> peers = new ArrayList<>();
            List<String> ratios = new ArrayList<>();
            for (Map.Entry<String, Stats> e : r.peers().entrySet()) {
                peers.add(e.getKey() + " " + summary(e.getValue()));
                double ratio = Stats.ratio(r.ours(), e.getValue());
                if (!Double.isNaN(ratio)) {
                    ratios.add(String.format(Locale.ROOT, "%.2f× %s", ratio, e.getKey()));
                }
            }
            b.append("| ").append(cell(r.section())).append(" | ").append(cell(r.figure())).append(" | ")
                    .append(cell(r.unit())).append(" | ").append(summary(r.ours())).append(" | ")
                    .append(cell(String.join("; ", peers))).append(" | ").append(cell(String.join("; ", ratios)))
                    .append(" | ").append(cell(r.note())).append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    /** CSV (RFC 4180): section, figure, unit, subject, min, median, max, rounds, note; "ours" is the subject "ours". */
    public static String csv(List<Row> rows) {
        StringBuilder b = new StringBuilder("section,figure,unit,subject,min,median,max,rounds,note\r\n");
        for (Row r : rows) {
            if (r.ours() == null && r.peers().isEmpty()) {
                line(b, r, "", null);
            }
            if (r.ours() != null) {
                line(b, r, "ours", r.ours());
            }
            r.peers().forEach((name, s) -> line(b, r, name, s));
        }
        return b.toString();
    }

    private static void line(StringBuilder b, Row r, String subject, Stats s) {
        List<String> f = new ArrayList<>(List.of(r.section(), r.figure(), r.unit(), subject));
        if (s == null) {
            f.addAll(List.of("", "", "", ""));
        } else {
            f.addAll(List.of(plain(s.min()), plain(s.median()), plain(s.max()), Integer.toString(s.count())));
        }
        f.add(r.note());
        for (int i = 0; i < f.size(); i++) {
            b.append(i == 0 ? "" : ",").append(csvField(f.get(i)));
        }
        b.append("\r\n");
    }

    private static String plain(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : String.format(Locale.ROOT, "%.4f", v);
    }

    static String csvField(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
