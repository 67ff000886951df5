package org.spawnpoint.spawnd.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.spawnpoint.spawnd.backend.LogLine;

class LogLineSplitterTest {

    @Test
    void joinsChunksIntoLinesAndStripsTimestamps() {
        List<LogLine> lines = new ArrayList<>();
        LogLineSplitter s = new LogLineSplitter(true, null, lines::add);
        byte[] all = ("2026-11-25T10:00:00.000000001Z first\n2026-11-25T10:00:00.5Z sec"
                + "ond line\r\n2026-11-25T10:00:01Z caf\u00e9 \u2713\n2026-11-25T10:00:02Z tail").getBytes(StandardCharsets.UTF_8);
        // Split in the middle of the multi-byte characters too.
        int[] cuts = {5, 40, 70, all.length - 8, all.length - 2};
        int from = 0;
        for (int cut : cuts) {
            s.accept(Arrays.copyOfRange(all, from, cut));
            from = cut;
        }
        s.accept(Arrays.copyOfRange(all, from, all.length));
        assertEquals(3, lines.size());
        s.flush();
        assertEquals(List.of("first", "second line", "caf\u00e9 \u2713", "tail"), lines.stream().map(LogLine::text).toList());
        assertEquals(Instant.parse("2026-11-25T10:00:00.000000001Z"), lines.get(0).time());
        assertTrue(lines.stream().allMatch(LogLine::stderr));
    }

    @Test
    void dropsLinesUpToSince() {
        List<String> texts = new ArrayList<>();
        Instant since = Instant.parse("2026-11-25T10:00:00.5Z");
        LogLineSplitter s = new LogLineSplitter(false, since, l -> texts.add(l.text()));
        s.accept(("2026-11-25T10:00:00.1Z old\n2026-11-25T10:00:00.5Z seen\n2026-11-25T10:00:00.500000001Z new\n")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("new"), texts);
    }

    @Test
    void keepsLinesWithoutTimestampWhole() {
        List<String> texts = new ArrayList<>();
        LogLineSplitter s = new LogLineSplitter(false, Instant.EPOCH, l -> texts.add(l.text()));
        s.accept("no timestamp here\n\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("no timestamp here", ""), texts);
    }
}
