package org.spawnpoint.spawnctl;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.spawnpoint.spawnclient.FleetLogEntry;
import org.spawnpoint.spawnclient.model.UriGlob;

/**
 * Prints the lines of a pattern tail, each prefixed with where it came from, {@code alpha/web1 | text}: the spawnpoint
 * as its URI after the pattern's literal prefix (unique, unlike aliases), then the service. Origins are padded to the
 * widest seen so far and, on a terminal, each gets a colour of its own (in order of appearance). Live messages carry
 * the spawnpoint's time ({@code [MM/dd HH:mm:ss]}) as in the single-service tail; replayed history has none.
 */
final class OriginPrinter implements Consumer<FleetLogEntry> {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MM/dd HH:mm:ss", Locale.ENGLISH);

    private final SpawnCtl root;
    private final Style st;
    private final String prefix;
    private final Map<String, Function<String, String>> colours = new HashMap<>();
    private int width;

    OriginPrinter(SpawnCtl root, String literalPrefix) {
        this.root = root;
        this.st = root.style();
        this.prefix = literalPrefix;
    }

    /** The origin text of an entry: {@code <spawnpoint after the prefix>/<service>}. */
    String origin(FleetLogEntry e) {
        return UriGlob.shortName(prefix, e.spawnpointUri()) + "/" + e.service();
    }

    @Override
    public void accept(FleetLogEntry e) {
        String text = format(e);
        synchronized (root.ctx.out()) {
            root.ctx.out().println(text);
            root.ctx.out().flush();
        }
    }

    synchronized String format(FleetLogEntry e) {
        String origin = origin(e);
        width = Math.max(width, origin.length());
        Function<String, String> colour = colours.computeIfAbsent(origin, o -> palette(colours.size()));
        String time = e.time().map(t -> "[" + LOG_TIME.format(t.atZone(zone())) + "] ").orElse("");
        String head = colour.apply(origin + " ".repeat(width - origin.length()) + " |") + " " + time;
        String contents = e.contents();
        int start = 0;
        int end = contents.length();
        while (start < end && contents.charAt(start) == '\n') {
            start++;
        }
        while (end > start && (contents.charAt(end - 1) == '\n' || contents.charAt(end - 1) == '\r')) {
            end--;
        }
        return head + contents.substring(start, end).replace("\n", "\n" + head);
    }

    private ZoneId zone() {
        return root.ctx.zone();
    }

    /** Colours in turn; red is kept for errors. */
    private Function<String, String> palette(int i) {
        return switch (i % 4) {
            case 0 -> st::cyan;
            case 1 -> st::green;
            case 2 -> st::yellow;
            default -> st::blue;
        };
    }
}
