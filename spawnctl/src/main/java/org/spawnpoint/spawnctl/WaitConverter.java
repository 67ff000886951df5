package org.spawnpoint.spawnctl;

import java.time.Duration;
import org.spawnpoint.bosswave.payload.GoFormats;
import picocli.CommandLine;

/** {@code --wait DURATION}, in Go's duration syntax as everywhere in Spawnpoint ({@code 90s}, {@code 10m}). */
final class WaitConverter implements CommandLine.ITypeConverter<WaitConverter.Wait> {
    /** A positive duration. */
    record Wait(Duration toDuration) {
        /**
         * Written out: picocli prints every option's value (its trace), and a record's generated toString is bound
         * at its first call through method handles, 6% of a deploy's main-thread CPU (async-profiler, 3 runs).
         */
        @Override
        public String toString() {
            return "Wait[toDuration=".concat(toDuration.toString()).concat("]");
        }
    }

    @Override
    public Wait convert(String value) {
        Duration d;
        try {
            d = GoFormats.parseDuration(value);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.TypeConversionException("'" + value + "' is not a duration; expected e.g. 90s or 10m");
        }
        if (d.isNegative() || d.isZero()) {
            throw new CommandLine.TypeConversionException("'" + value + "' must be longer than 0s");
        }
        return new Wait(d);
    }
}
