package org.spawnpoint.spawnd;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * spawnd's Logback configuration, found by Logback through {@code META-INF/services}: INFO to standard error, with
 * docker-java at WARN. It is made in code because reading a {@code logback.xml} loads Logback's XML configuration
 * machinery and the JDK's XML parser (about 360 classes, kept for the life of the process), which is a large share
 * of an idle daemon's memory. The pattern itself is written out by {@link ConsoleLogLayout}, for the same reason.
 *
 * <p>An explicit {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on the classpath (tests), is
 * still honoured: this configurator then steps aside and Logback's usual configuration runs.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {
    /** The log line, as a Logback pattern; {@link ConsoleLogLayout} writes it without Logback's pattern machinery. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        return configure(context, System.getProperty("logback.configurationFile") != null
                || ConsoleLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null);
    }

    ExecutionStatus configure(LoggerContext context, boolean configuredElsewhere) {
        if (configuredElsewhere) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        ConsoleLogLayout layout = new ConsoleLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        context.getLogger("com.github.dockerjava").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
