package org.spawnpoint.spawnd.backend.docker;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import org.spawnpoint.spawnd.backend.LogLine;

/**
 * Turns the chunks of one output stream, as Docker delivers them with {@code timestamps=true}, into whole lines.
 * A chunk may end in the middle of a line (or of a UTF-8 character), so bytes are kept until the line ends.
 * Each line starts with the engine's RFC 3339 timestamp and a space; lines at or before {@code since} are dropped,
 * because Docker's own {@code since} filter only has one-second precision.
 */
final class LogLineSplitter {
    private final boolean stderr;
    private final Instant since;
    private final Consumer<LogLine> out;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    LogLineSplitter(boolean stderr, Instant since, Consumer<LogLine> out) {
        this.stderr = stderr;
        this.since = since;
        this.out = out;
    }

    void accept(byte[] chunk) {
        accept(chunk, 0, chunk.length);
    }

    void accept(byte[] chunk, int offset, int length) {
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (chunk[i] == '\n') {
                pending.write(chunk, start, i - start);
                emit();
                start = i + 1;
            }
        }
        pending.write(chunk, start, end - start);
    }

    /** Delivers a last line that had no line break. */
    void flush() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String raw = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        if (raw.endsWith("\r")) {
            raw = raw.substring(0, raw.length() - 1);
        }
        Instant time = null;
        String text = raw;
        int space = raw.indexOf(' ');
        if (space > 0) {
            try {
                time = Instant.parse(raw.substring(0, space));
                text = raw.substring(space + 1);
            } catch (DateTimeParseException e) {
                time = null;
            }
        }
        if (time != null && since != null && !time.isAfter(since)) {
            return;
        }
        out.accept(new LogLine(time == null ? Instant.now() : time, stderr, text));
    }
}
