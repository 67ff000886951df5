package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.testsupport.Transcripts;

class PayloadCodecTest {

    private static PayloadObject capturedHeartbeat() {
        for (Frame f : Transcripts.frames("spawnctl-scan.agent.bin")) {
            for (PayloadObject po : f.pos()) {
                if (po.type() == PoNum.SPAWNPOINT_HEARTBEAT) {
                    return po;
                }
            }
        }
        throw new AssertionError("no heartbeat in spawnctl-scan.agent.bin");
    }

    @Test
    void decodesTheCapturedHeartbeat() {
        PayloadObject po = capturedHeartbeat();
        assertEquals("2.0.2.1", po.dottedType());
        DaemonHeartbeat hb = DaemonHeartbeat.decode(po.content());
        assertEquals("alpha", hb.alias());
        assertEquals(8192, hb.totalMem());
        assertEquals(4096, hb.totalCpuShares());
        assertEquals(8192, hb.availableMem());
        assertEquals(4096, hb.availableCpuShares());
        assertTrue(hb.timeNanos() > 1_400_000_000_000_000_000L, "Time is Unix nanoseconds");
    }

    /** Our encoding of the same values is byte for byte the captured one: keys, order and integer widths. */
    @Test
    void encodesHeartbeatLikeTheCapture() {
        PayloadObject po = capturedHeartbeat();
        assertArrayEquals(po.content(), DaemonHeartbeat.decode(po.content()).encode());
        PayloadObject deployHb = Transcripts.frames("spawnctl-deploy.agent.bin").stream().flatMap(f -> f.pos().stream())
                .filter(p -> p.type() == PoNum.SPAWNPOINT_HEARTBEAT).findFirst().orElseThrow();
        assertArrayEquals(deployHb.content(), DaemonHeartbeat.decode(deployHb.content()).toPayloadObject().content());
    }

    /** The optional SealKey comes last, as bin 32; the six 0.2 keys before it are byte for byte those of 0.2. */
    @Test
    void heartbeatWithSealKey() throws IOException {
        byte[] key = SealKeyPair.generate().publicKey();
        byte[] plain = new DaemonHeartbeat("a", 1, 2, 3, -4, 5).encode();
        byte[] sealed = new DaemonHeartbeat("a", 1, 2, 3, -4, 5, key).encode();
        assertEquals(List.of("Alias", "Time", "TotalMem", "TotalCPUShares", "AvailableMem", "AvailableCPUShares",
                "SealKey"), keys(sealed));
        assertArrayEquals(java.util.Arrays.copyOfRange(plain, 1, plain.length),
                java.util.Arrays.copyOfRange(sealed, 1, plain.length), "the 0.2 keys are unchanged");
        assertEquals((byte) 0xc4, sealed[plain.length + 8], "bin 8 header");
        DaemonHeartbeat hb = DaemonHeartbeat.decode(sealed);
        assertArrayEquals(key, hb.sealKey());
        assertTrue(hb.acceptsSealed());
        assertFalse(DaemonHeartbeat.decode(capturedHeartbeat().content()).acceptsSealed());
    }

    @Test
    void heartbeatKeysAreTheGoFieldNames() throws IOException {
        byte[] b = new DaemonHeartbeat("a", 1, 2, 3, -4, 5).encode();
        assertEquals(List.of("Alias", "Time", "TotalMem", "TotalCPUShares", "AvailableMem", "AvailableCPUShares"), keys(b));
        assertEquals(new DaemonHeartbeat("a", 1, 2, 3, -4, 5), DaemonHeartbeat.decode(b));
    }

    @Test
    void serviceHeartbeatRoundTripWithExactKeys() throws IOException {
        ServiceHeartbeat hb = new ServiceHeartbeat("ns/sp", "svc", 123, 512, 1024, 10.5, 0.1, 0.2, 1.5, 2.5, 50.0, "");
        byte[] b = hb.encode();
        assertEquals(List.of("SpawnpointURI", "Name", "Time", "MemAlloc", "CPUShares", "MemUsage", "NetworkRx",
                "NetworkTx", "MbRead", "MbWritten", "CPUPercent"), keys(b));
        assertEquals(hb, ServiceHeartbeat.decode(b));
        assertEquals(512, hb.cpuShareUsage(), "50% of one core is 512 shares");
        ServiceHeartbeat withConfig = new ServiceHeartbeat("ns/sp", "svc", 1, 1, 1, 0, 0, 0, 0, 0, 0, "run: [x]\n");
        assertEquals("OriginalConfig", keys(withConfig.encode()).get(11));
        assertEquals(withConfig, ServiceHeartbeat.decode(withConfig.encode()));
        ServiceHeartbeat waiting = new ServiceHeartbeat("ns/sp", "svc", 1, 1, 1, 0, 0, 0, 0, 0, 0, "", "dead");
        assertEquals("State", keys(waiting.encode()).get(11));
        assertEquals(waiting, ServiceHeartbeat.decode(waiting.encode()));
        ServiceHeartbeat health = new ServiceHeartbeat("ns/sp", "svc", 1, 1, 1, 0, 0, 0, 0, 0, 0, "", "running",
                "unhealthy", "GET /health: 503", 4, 1_700_000_000_000_000_000L);
        assertEquals(List.of("State", "Health", "HealthDetail", "Restarts", "StartedAt"),
                keys(health.encode()).subList(11, 16));
        assertEquals(health, ServiceHeartbeat.decode(health.encode()));
    }

    @Test
    void logEntryRoundTripWithExactKeys() throws IOException {
        LogEntry e = new LogEntry(99, "alpha", "svc", "[INFO] booting service\n");
        assertEquals(List.of("Time", "SPAlias", "Service", "Contents"), keys(e.encode()));
        assertEquals(e, LogEntry.decode(e.encode()));
        assertEquals("2.0.2.0", e.toPayloadObject().dottedType());
    }

    @Test
    void logsRequestAndResponse() throws IOException {
        LogsRequest r = new LogsRequest("svc", 42, 1_700_000_000L);
        assertEquals(List.of("SvcName", "Nonce", "StartTime"), keys(r.encode()));
        assertEquals(r, LogsRequest.decode(r.encode()));
        assertEquals("2.0.0.0", r.toPayloadObject().dottedType());
        LogsResponse resp = new LogsResponse(42, List.of("a", "b"));
        assertEquals(List.of("Nonce", "Messages"), keys(resp.encode()));
        assertEquals(resp, LogsResponse.decode(resp.encode()));
        assertTrue(new LogsResponse(1, List.of()).isEnd());
        assertThrows(PayloadFormatException.class, () -> LogsRequest.decode(resp.encode()));
    }

    /** Go writes integers in whatever width it likes and may add fields; decoding must not care. */
    @Test
    void decodingIsTolerant() throws IOException {
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packMapHeader(5);
        p.packString("Unknown").packArrayHeader(1).packInt(1);
        p.packString("Alias").packString("x");
        p.packString("TotalMem").packByte((byte) 7);
        p.packString("AvailableMem").packInt(-70000);
        p.packString("AvailableCPUShares").packDouble(12.0);
        DaemonHeartbeat hb = DaemonHeartbeat.decode(p.toByteArray());
        assertEquals(new DaemonHeartbeat("x", 0, 7, 0, -70000, 12), hb);
    }

    @Test
    void decodingErrorsNameThePayloadAndKey() throws IOException {
        assertEquals("spawnpoint heartbeat (2.0.2.1): expected a msgpack map, got an empty payload",
                assertThrows(PayloadFormatException.class, () -> DaemonHeartbeat.decode(new byte[0])).getMessage());
        MessageBufferPacker p = MessagePack.newDefaultBufferPacker();
        p.packArrayHeader(0);
        assertEquals("log message (2.0.2.0): expected a msgpack map, got a msgpack array",
                assertThrows(PayloadFormatException.class, () -> LogEntry.decode(p.toByteArray())).getMessage());
        MessageBufferPacker q = MessagePack.newDefaultBufferPacker();
        q.packMapHeader(1).packString("Time").packString("soon");
        assertEquals("service heartbeat (2.0.2.2) key 'Time': expected an integer, got a msgpack string",
                assertThrows(PayloadFormatException.class, () -> ServiceHeartbeat.decode(q.toByteArray())).getMessage());
        PayloadFormatException trunc = assertThrows(PayloadFormatException.class,
                () -> DaemonHeartbeat.decode(new byte[] {(byte) 0x81, (byte) 0xa1}));
        assertTrue(trunc.getMessage().startsWith("spawnpoint heartbeat (2.0.2.1): not valid msgpack"), trunc.getMessage());
    }

    private static List<String> keys(byte[] map) throws IOException {
        List<String> out = new ArrayList<>();
        try (MessageUnpacker u = MessagePack.newDefaultUnpacker(map)) {
            int n = u.unpackMapHeader();
            for (int i = 0; i < n; i++) {
                out.add(u.unpackString());
                u.skipValue();
            }
        }
        return out;
    }
}
