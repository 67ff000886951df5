package org.spawnpoint.spawnctl;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.status.StatusListener;

/**
 * spawnctl's logging (Logback finds this class through {@code META-INF/services}): a terminal tool shows only
 * warnings and errors, on stderr, without Logback's own status lines; {@code SPAWNCTL_LOG_LEVEL=DEBUG} shows what the
 * client does. The plain-entity warning of a deploy to a 0.2 spawnpoint is left out: spawnctl prints it itself.
 *
 * <p>Configured in code rather than by a {@code logback.xml}: reading that file (Joran's XML parser and its rule and
 * model classes, about 500 classes) was 60-90 ms of every command that connects, a third of a scan's start-up; and
 * {@link LineLayout} writes what the pattern {@code %level %logger{0}: %msg%n} would, without the pattern parser and
 * its table of 80 converter classes. A {@code -Dlogback.configurationFile} given by the user still wins.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {
    /** The root level when {@code SPAWNCTL_LOG_LEVEL} is not set. */
    static final Level DEFAULT_LEVEL = Level.WARN;

    /** For the service loader. */
    public CliLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LineLayout layout = new LineLayout();
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
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getenv("SPAWNCTL_LOG_LEVEL"), DEFAULT_LEVEL));
        root.addAppender(stderr);
        context.getLogger("org.spawnpoint.spawnclient.PlainEntity").setLevel(Level.ERROR);
        // With no status listener Logback ends its set-up with StatusPrinter, whose time stamp formatter loads the
        // time-zone rules: 7-10 ms of a scan's CPU (issue 17). This listener prints the same problems, as they come.
        context.getStatusManager().add(new ProblemsOnStderr());
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Logback's own warnings and errors on stderr (its informational status lines stay quiet). */
    static final class ProblemsOnStderr implements StatusListener {
        @Override
        public void addStatusEvent(Status status) {
            if (status.getEffectiveLevel() >= Status.WARN) {
                System.err.println(status);
            }
        }
    }

    /** {@code %level %logger{0}: %msg%n}, and the stack trace when there is one. */
    static final class LineLayout extends LayoutBase<ILoggingEvent> {
        @Override
        public String doLayout(ILoggingEvent event) {
            String logger = event.getLoggerName();
            StringBuilder line = new StringBuilder(128).append(event.getLevel()).append(' ')
                    .append(logger, logger.lastIndexOf('.') + 1, logger.length()).append(": ")
                    .append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown));
            }
            return line.toString();
        }
    }
}
