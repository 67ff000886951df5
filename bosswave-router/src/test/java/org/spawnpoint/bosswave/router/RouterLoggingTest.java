package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The router's logging set-up in code: what its logback.xml said, in the same line format. */
class RouterLoggingTest {

    @Test
    void standardErrorAtTheLevelBw2LogLevelNames() {
        String before = System.getProperty("BW2_LOG_LEVEL");
        try {
            System.setProperty("BW2_LOG_LEVEL", "WARN");
            LoggerContext context = new LoggerContext();
            RouterLogging configurator = new RouterLogging();
            configurator.setContext(context);

            assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context));
            ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
            assertEquals(Level.WARN, root.getLevel());
            var appender = (ConsoleAppender<?>) root.getAppender("ERR");
            assertTrue(appender.isStarted());
            assertEquals("System.err", appender.getTarget());
            assertTrue(((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout() instanceof RouterLogLayout);

            System.clearProperty("BW2_LOG_LEVEL");
            assertEquals(System.getenv("BW2_LOG_LEVEL") == null ? Level.INFO
                    : Level.toLevel(System.getenv("BW2_LOG_LEVEL"), Level.INFO), RouterLogging.level());
        } finally {
            if (before == null) {
                System.clearProperty("BW2_LOG_LEVEL");
            } else {
                System.setProperty("BW2_LOG_LEVEL", before);
            }
        }
    }

    @Test
    void itsLinesArePatternLayoutsForTheSamePattern() {
        LoggerContext context = new LoggerContext();
        PatternLayout pattern = new PatternLayout();
        pattern.setContext(context);
        pattern.setPattern("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n");
        pattern.start();
        RouterLogLayout ours = new RouterLogLayout();
        ours.setContext(context);
        ours.start();
        Exception cause = new IllegalStateException("inner");
        List<LoggingEvent> events = List.of(
                event(context, "org.spawnpoint.bosswave.router.internal.Registry", Level.INFO, "loaded {} DOTs", null, 3),
                event(context, "Short", Level.WARN, "plain", null),
                event(context, "org.spawnpoint.bosswave.router.Router", Level.ERROR, "failed: {}",
                        new java.io.IOException("outer", cause), "x"),
                event(context, "a.b.c.D", Level.DEBUG, "debug ünïcode", null),
                event(context, "a.b.c.D", Level.TRACE, "trace", null));
        for (LoggingEvent e : events) {
            assertEquals(pattern.doLayout(e), ours.doLayout(e));
        }
    }

    private static LoggingEvent event(LoggerContext context, String logger, Level level, String msg, Throwable t,
            Object... args) {
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), context.getLogger(logger), level, msg, t, args);
        e.setTimeStamp(1_700_000_123_456L);
        return e;
    }

    @Test
    void logbackFindsItThroughTheServiceLoader() throws Exception {
        Path services = Path.of("src/main/resources/META-INF/services/ch.qos.logback.classic.spi.Configurator");
        assertEquals(RouterLogging.class.getName(), Files.readString(services).trim());
        assertFalse(Files.exists(Path.of("src/main/resources/logback.xml")),
                "a logback.xml would be ignored: the configuration is made in code");
    }

    @Test
    void aProgramThatEmbedsTheRouterKeepsItsOwnConfiguration() {
        // spawnd embeds the router: its unannotated ConsoleLogConfigurator (rank DEFAULT) must run first
        int rank = RouterLogging.class.getAnnotation(ConfiguratorRank.class).value();
        assertTrue(rank < ConfiguratorRank.DEFAULT && rank > ConfiguratorRank.NOMINAL, "rank " + rank);
    }
}
