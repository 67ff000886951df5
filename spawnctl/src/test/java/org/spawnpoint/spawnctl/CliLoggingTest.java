package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

/** spawnctl's logging set-up in code: what its logback.xml said, in the same line format. */
class CliLoggingTest {
    @Test
    void warningsAndErrorsOnStderrWithoutThePlainEntityWarning() {
        LoggerContext context = new LoggerContext();
        assertEquals(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new CliLogging().configure(context));
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        if (System.getenv("SPAWNCTL_LOG_LEVEL") == null) {
            assertEquals(Level.WARN, root.getLevel());
        }
        assertTrue(root.getAppender("STDERR").isStarted());
        assertEquals(Level.ERROR, context.getLogger("org.spawnpoint.spawnclient.PlainEntity").getLevel());
        assertTrue(context.getLogger("org.spawnpoint.spawnclient.PlainEntity").isErrorEnabled());
        // A status listener, so that Logback skips its StatusPrinter (and the time-zone rules it loads).
        assertTrue(context.getStatusManager().getCopyOfStatusListenerList().stream()
                .anyMatch(l -> l instanceof CliLogging.ProblemsOnStderr));
    }

    @Test
    void oneLinePerEventAsThePatternLevelLoggerMessage() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("org.spawnpoint.bosswave.internal.Connection");
        CliLogging.LineLayout layout = new CliLogging.LineLayout();
        layout.setContext(context);
        layout.start();
        String line = layout.doLayout(new LoggingEvent("x", logger, Level.WARN, "lost {}", null, new Object[] {"it"}));
        assertEquals("WARN Connection: lost it" + System.lineSeparator(), line);
        String withTrace = layout.doLayout(new LoggingEvent("x", context.getLogger("top"), Level.ERROR, "failed",
                new IllegalStateException("boom"), null));
        assertTrue(withTrace.startsWith("ERROR top: failed" + System.lineSeparator()
                + "java.lang.IllegalStateException: boom"), withTrace);
    }
}
