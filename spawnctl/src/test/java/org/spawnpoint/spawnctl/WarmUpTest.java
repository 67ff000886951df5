package org.spawnpoint.spawnctl;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {
    @Test
    void afterTheWaitLoggersAreRealNotStandIns() {
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            WarmUp.awaitLogging(); // nothing started yet in this JVM, or started by another test: returns
            WarmUp.start("deploy");
            WarmUp.awaitLogging();
            assertFalse(org.slf4j.LoggerFactory.getLogger("warm-up-test") instanceof org.slf4j.helpers.SubstituteLogger,
                    "SLF4J was still starting when awaitLogging returned");
        });
    }
}
