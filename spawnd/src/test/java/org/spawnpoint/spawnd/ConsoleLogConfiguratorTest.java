package org.spawnpoint.spawnd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ConsoleLogConfiguratorTest {

    @Test
    void infoToStandardErrorWithDockerJavaAtWarn() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, configurator.configure(context, false));
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        var appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertTrue(appender.isStarted());
        assertEquals("System.err", appender.getTarget());
        var layout = ((LayoutWrappingEncoder<?>) appender.getEncoder()).getLayout();
        assertTrue(layout instanceof ConsoleLogLayout && layout.isStarted(), "layout " + layout);
        assertEquals(Level.WARN, context.getLogger("com.github.dockerjava").getLevel());
        assertFalse(context.getLogger("com.github.dockerjava.core").isInfoEnabled());
        assertTrue(context.getLogger("org.spawnpoint.spawnd.Daemon").isInfoEnabled());
    }

    @Test
    void stepsAsideForAnExplicitConfiguration() {
        LoggerContext context = new LoggerContext();
        ConsoleLogConfigurator configurator = new ConsoleLogConfigurator();
        configurator.setContext(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, configurator.configure(context, true));
        assertNull(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }

    @Test
    void logbackFindsItThroughTheServiceLoader() throws Exception {
        Path services = Path.of("src/main/resources/META-INF/services/ch.qos.logback.classic.spi.Configurator");
        assertEquals(ConsoleLogConfigurator.class.getName(), Files.readString(services).trim());
        assertFalse(Files.exists(Path.of("src/main/resources/logback.xml")),
                "a logback.xml would be ignored: the configuration is made in code");
    }
}
