package org.spawnpoint.spawnd;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.util.CachingDateFormatter;

/**
 * spawnd's log line, {@link ConsoleLogConfigurator#PATTERN} written out by hand: the same text as Logback's
 * {@code PatternLayout} with that pattern, a throwable's stack trace after the line as {@code PatternLayout} adds it
 * ({@link ThrowableProxyConverter}). {@code PatternLayout} loads its pattern parser, compiler and every converter it
 * knows to use five of them: 144 Logback classes of 219 loaded by an idle daemon, about 0.4 MiB of its resident
 * memory (MemoryBenchmark 0,10 20: idle VmRSS median 66.2 MiB with PatternLayout, 65.8 without).
 */
final class ConsoleLogLayout extends LayoutBase<ILoggingEvent> {
    private final CachingDateFormatter time = new CachingDateFormatter("HH:mm:ss.SSS");
    private ThrowableProxyConverter throwables;

    @Override
    public void start() {
        ThrowableProxyConverter converter = new ThrowableProxyConverter();
        converter.setContext(getContext());
        converter.start();
        throwables = converter;
        super.start();
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        if (!isStarted()) {
            return CoreConstants.EMPTY_STRING;
        }
        StringBuilder b = new StringBuilder(128);
        b.append(time.format(event.getTimeStamp())).append(' ');
        String level = event.getLevel().toString();
        b.append(level);
        for (int i = level.length(); i < 5; i++) {
            b.append(' ');
        }
        String logger = event.getLoggerName();
        b.append(' ').append(logger, logger.lastIndexOf('.') + 1, logger.length());
        b.append(" - ").append(event.getFormattedMessage()).append(CoreConstants.LINE_SEPARATOR);
        if (event.getThrowableProxy() != null) {
            b.append(throwables.convert(event));
        }
        return b.toString();
    }
}
