package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bw2 router}'s command line read without picocli: the same as picocli reads it, or left to picocli. */
class RouterArgsTest {

    @Test
    void readsWhatPicocliReadsTheSameWay() {
        List<String[]> lines = List.of(
                new String[] {"router"},
                new String[] {"router", "--config", "/etc/bw2.properties"},
                new String[] {"router", "--config=/etc/bw2.properties", "--listen", "127.0.0.1:28589"},
                new String[] {"router", "--listen=0.0.0.0:1", "--data", "d", "--also-listen", "172.17.0.1:28589"},
                new String[] {"router", "--also-listen", "a:1,b:2", "--also-listen=c:3", "--config", "x=y"},
                new String[] {"router", "--cluster", "nats://a:4222,nats://b:4222", "--cluster", "nats://c:4222"},
                new String[] {"router", "--data", "/tmp/with space", "--config", "router"});
        for (String[] args : lines) {
            RouterMain.Serve ours = RouterArgs.parse(args);
            assertNotNull(ours, Arrays.toString(args));
            RouterMain.Serve picocli = (RouterMain.Serve) RouterMain.commandLine().parseArgs(args).subcommand()
                    .commandSpec().userObject();
            String line = Arrays.toString(args);
            assertEquals(picocli.config, ours.config, line);
            assertEquals(picocli.listen, ours.listen, line);
            assertEquals(picocli.data, ours.data, line);
            assertEquals(picocli.alsoListen, ours.alsoListen, line);
            assertEquals(picocli.cluster, ours.cluster, line);
        }
    }

    @Test
    void leavesEverythingElseToPicocli() {
        List<String[]> lines = List.of(
                new String[] {},
                new String[] {"init", "--data", "d"},
                new String[] {"router", "--help"},
                new String[] {"router", "-h"},
                new String[] {"router", "-V"},
                new String[] {"router", "--version"},
                new String[] {"router", "--config"},
                new String[] {"router", "--config="},
                new String[] {"router", "--config", "a", "--config", "b"},
                new String[] {"router", "--listen", "--data"},
                new String[] {"router", "--unknown", "x"},
                new String[] {"router", "@args.txt"},
                new String[] {"router", "--", "--config", "x"},
                new String[] {"router", "--cluster", "a,,b"},
                new String[] {"router", "--also-listen", "a,"},
                new String[] {"router", "--data", "\"quoted\""},
                new String[] {"router", "extra"});
        for (String[] args : lines) {
            assertNull(RouterArgs.parse(args), Arrays.toString(args));
        }
    }
}
