package org.spawnpoint.bosswave.router;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * The router's and bw2's Logback configuration, found by Logback through {@code META-INF/services}: standard error,
 * at the level {@code BW2_LOG_LEVEL} names (system property, then environment; INFO by default), in the line format
 * the router's {@code logback.xml} had. Made in code because reading that file loaded Joran and the JDK's XML parser
 * (about 600 of the idle router's 2,850 classes, kept for the life of the process; bosswave-router/README.md, Memory).
 *
 * <p>An explicit {@code -Dlogback.configurationFile=...}, or a {@code logback-test.xml} on the classpath (tests), is
 * still honoured: this configurator then steps aside and Logback's usual configuration runs. Its rank is below that of
 * an unannotated configurator: where the router is embedded (spawnd), the embedding program's own configuration wins.
 */
@ConfiguratorRank(RouterLogging.RANK)
public final class RouterLogging extends ContextAwareBase implements Configurator {
    /** Before Logback's own XML lookup (NOMINAL), after any program's configurator (DEFAULT when unannotated). */
    static final int RANK = ConfiguratorRank.NOMINAL + 5;
    /** The line format, which {@link RouterLogLayout} writes out in code. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    /** For the service loader. */
    public RouterLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || RouterLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        RouterLogLayout layout = new RouterLogLayout();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("ERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level());
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** {@code BW2_LOG_LEVEL} as the XML's {@code ${BW2_LOG_LEVEL:-INFO}} read it: system property, then environment. */
    static Level level() {
        String name = System.getProperty("BW2_LOG_LEVEL", System.getenv("BW2_LOG_LEVEL"));
        return Level.toLevel(name, Level.INFO);
    }
}
