package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The hand-written layout writes what Logback's PatternLayout writes with {@link ConsoleLogConfigurator#PATTERN}. */
class ConsoleLogLayoutTest {
    private final LoggerContext context = new LoggerContext();

    @Test
    void writesWhatThePatternWrites() {
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern(ConsoleLogConfigurator.PATTERN);
        pattern.start();
        ConsoleLogLayout layout = new ConsoleLogLayout();
        layout.setContext(context);
        layout.start();

        Exception withCause = new IllegalStateException("outer", new UncheckedIOException(new IOException("inner")));
        withCause.addSuppressed(new RuntimeException("suppressed"));
        LoggingEvent[] events = {
            event("org.spawnpoint.spawnd.Daemon", Level.INFO, "Spawnpoint {} up", null, "alpha"),
            event("org.spawnpoint.spawnd.daemon.ServiceManager", Level.WARN, "could not start {}", withCause, "svc"),
            event("NoPackage", Level.ERROR, "failed", new Error("plain"), null),
            event("a.b.C", Level.DEBUG, "a message\nover two lines", null, null),
            event("", Level.TRACE, "", null, null),
        };
        for (LoggingEvent e : events) {
            assertEquals(pattern.doLayout(e), layout.doLayout(e));
        }
        assertTrue(layout.doLayout(events[1]).contains("Caused by: java.io.UncheckedIOException"));
    }

    @Test
    void writesNothingWhenNotStarted() {
        assertEquals("", new ConsoleLogLayout().doLayout(event("a.B", Level.INFO, "x", null, null)));
    }

    private LoggingEvent event(String logger, Level level, String message, Throwable t, Object arg) {
        LoggingEvent e = new LoggingEvent("fqcn", context.getLogger(logger.isEmpty() ? "x" : logger), level, message,
                t, arg == null ? null : new Object[] {arg});
        e.setLoggerName(logger);
        e.setTimeStamp(1_700_000_000_123L);
        return e;
    }
}
