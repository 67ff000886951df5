package org.spawnpoint.bosswave.router.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WarnLimiterTest {
    @Test
    void aFloodOfWarningsBecomesAFewLinesAndASummary() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("warn-limiter-test");
        ListAppender<ILoggingEvent> list = new ListAppender<>();
        list.start();
        logger.addAppender(list);
        WarnLimiter w = new WarnLimiter(logger, 200_000_000L);
        for (int i = 0; i < 10_000; i++) {
            w.warn("malformed", "bad frame {}", i);
        }
        w.warn("timeout", "slow {}", 1);
        assertEquals(WarnLimiter.PER_WINDOW + 1, list.list.size(), "5 of one kind, 1 of another");
        Thread.sleep(250);
        w.flush();
        List<String> lines = list.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        String summary = lines.get(lines.size() - 1);
        assertTrue(summary.startsWith("suppressed 9995 similar warnings (malformed) in the last 0 s"), summary);
        w.warn("malformed", "bad frame {}", "again");
        assertEquals("bad frame again", list.list.get(list.list.size() - 1).getFormattedMessage(),
                "a new window logs again");
        logger.detachAppender(list);
    }
}
