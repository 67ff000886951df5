package org.spawnpoint.bosswave.router;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;

/**
 * The router's log line, {@link RouterLogging#PATTERN} ({@code %d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} -
 * %msg%n}, a stack trace after it as PatternLayout adds one), written out in code with Logback's own date formatter and
 * logger-name abbreviator. Logback's PatternLayout registers every converter it knows when its class is initialised:
 * 218 of the idle router's 1,260 classes that are not in the JDK's CDS archive were Logback's, about 130 of them
 * PatternLayout's converters and their lambdas, kept for the life of the process (bosswave-router/README.md, Memory).
 * {@code RouterLoggingTest} checks that the lines are PatternLayout's, byte for byte.
 */
final class RouterLogLayout extends LayoutBase<ILoggingEvent> {
    private final CachingDateFormatter date = new CachingDateFormatter("HH:mm:ss.SSS");
    private final TargetLengthBasedClassNameAbbreviator logger = new TargetLengthBasedClassNameAbbreviator(20);
    private volatile ThrowableProxyConverter throwable; // made on the first event with a throwable

    @Override
    public String doLayout(ILoggingEvent event) {
        StringBuilder line = new StringBuilder(128);
        line.append(date.format(event.getTimeStamp())).append(' ');
        String level = event.getLevel().toString();
        line.append(level);
        for (int i = level.length(); i < 5; i++) {
            line.append(' ');
        }
        line.append(" [").append(event.getThreadName()).append("] ").append(logger.abbreviate(event.getLoggerName()))
                .append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            line.append(throwableConverter().convert(event));
        }
        return line.toString();
    }

    private ThrowableProxyConverter throwableConverter() {
        ThrowableProxyConverter c = throwable;
        if (c == null) {
            c = new ThrowableProxyConverter();
            c.setContext(getContext());
            c.start();
            throwable = c;
        }
        return c;
    }
}
