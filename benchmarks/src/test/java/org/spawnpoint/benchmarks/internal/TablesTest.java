package org.spawnpoint.benchmarks.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TablesTest {
    private static final Map<String, Stats> PEERS = new LinkedHashMap<>();

    static {
        PEERS.put("Mosquitto", Stats.of(100_000, 148_000, 150_000));
        PEERS.put("NATS", Stats.of(1_520_000));
    }

    private final List<Row> rows = List.of(
            Row.measured("router", "1→1 pipelined, 100 B", "msg/s", Stats.of(375_000, 425_000, 512_000), PEERS),
            Row.drill("router kill -9", "tried: 2,000 persists, \"all\" acknowledged; survived | 2,000"));

    @Test
    void numbersKeepAboutThreeFigures() {
        assertEquals("425k", Tables.number(425_312));
        assertEquals("1520k", Tables.number(1_520_000));
        assertEquals("12.5M", Tables.number(12_500_000));
        assertEquals("17.0k", Tables.number(17_012));
        assertEquals("753", Tables.number(753.4));
        assertEquals("64.5", Tables.number(64.49));
        assertEquals("2.08", Tables.number(2.083));
        assertEquals("–", Tables.number(Double.NaN));
    }

    @Test
    void markdownHasOursPeersRatiosAndEscapedNotes() {
        String md = Tables.markdown(rows);
        String[] lines = md.split("\n");
        assertEquals("| section | figure | unit | ours (min / median / max) | peers (min / median / max) "
                + "| ours ÷ peer | note |", lines[0]);
        assertEquals("|---|---|---|---|---|---|---|", lines[1]);
        assertEquals("| router | 1→1 pipelined, 100 B | msg/s | 375k / 425k / 512k | Mosquitto 100k / 148k / 150k; "
                + "NATS 1520k | 2.87× Mosquitto; 0.28× NATS |  |", lines[2]);
        assertEquals("| drill | router kill -9 |  |  |  |  | tried: 2,000 persists, \"all\" acknowledged; "
                + "survived \\| 2,000 |", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void csvHasOneLinePerSubjectAndQuotesWhatNeedsIt() {
        String csv = Tables.csv(rows);
        assertEquals("section,figure,unit,subject,min,median,max,rounds,note\r\n"
                + "router,\"1→1 pipelined, 100 B\",msg/s,ours,375000,425000,512000,3,\r\n"
                + "router,\"1→1 pipelined, 100 B\",msg/s,Mosquitto,100000,148000,150000,3,\r\n"
                + "router,\"1→1 pipelined, 100 B\",msg/s,NATS,1520000,1520000,1520000,1,\r\n"
                + "drill,router kill -9,,,,,,,"
                + "\"tried: 2,000 persists, \"\"all\"\" acknowledged; survived | 2,000\"\r\n",
                csv);
        assertEquals("2.0833", Tables.csv(List.of(Row.measured("r", "f", "µs", Stats.of(2.08333), Map.of())))
                .split("\r\n")[1].split(",")[5]);
    }
}
