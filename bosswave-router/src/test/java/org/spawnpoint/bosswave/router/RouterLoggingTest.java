package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.file.Files;
import java.nio.file.Path;
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
            assertEquals("%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n",
                    ((PatternLayoutEncoder) appender.getEncoder()).getPattern());

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
