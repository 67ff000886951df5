package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.router.RouterConfig.ResultSignatures;

class RouterConfigTest {
    @TempDir
    Path dir;

    private RouterConfig load(String text) throws Exception {
        Path file = dir.resolve("bw2.properties");
        Files.writeString(file, text);
        return RouterConfig.builder().load(file).build();
    }

    private String error(String text) {
        return assertThrows(IllegalArgumentException.class, () -> load(text)).getMessage();
    }

    @Test
    void defaultsSignOnDemandAndDoNotPoll() {
        RouterConfig c = RouterConfig.builder().build();
        assertEquals(ResultSignatures.ON_DEMAND, c.resultSignatures());
        assertEquals(0, c.busyPollMicros());
    }

    @Test
    void readsTheSpeedKeys() throws Exception {
        RouterConfig c = load("resultSignatures = always\nbusyPollMicros = 200\nlisten = 0.0.0.0:1234\n");
        assertEquals(ResultSignatures.ALWAYS, c.resultSignatures());
        assertEquals(200, c.busyPollMicros());
        assertEquals(1234, c.port());
        assertEquals(ResultSignatures.ON_DEMAND, load("resultSignatures=On-Demand\n").resultSignatures());
    }

    @Test
    void badValuesNameTheKeyAndWhatIsExpected() {
        String sig = error("resultSignatures = sometimes\n");
        assertTrue(sig.contains("'resultSignatures'") && sig.contains("on-demand or always"), sig);
        String poll = error("busyPollMicros = 20000\n");
        assertTrue(poll.contains("busyPollMicros") && poll.contains("0..10000"), poll);
        String notNumber = error("busyPollMicros = fast\n");
        assertTrue(notNumber.contains("'busyPollMicros'") && notNumber.contains("integer"), notNumber);
        String unknown = error("busyPoll = 1\n");
        assertTrue(unknown.contains("unknown key") && unknown.contains("busyPollMicros"), unknown);
    }
}
