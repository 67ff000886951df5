package org.spawnpoint.spawnclient.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.spawnpoint.testsupport.Transcripts;

class SpawnUrisTest {
    private static final String P = "scratch.ns/spawnpoint/alpha";
    private static final String IF = P + "/s.spawnpoint/server/i.spawnpoint";

    @Test
    void layout() {
        assertEquals(IF, SpawnUris.interfaceUri(P + "/"));
        assertEquals(IF + "/signal/heartbeat", SpawnUris.heartbeat(P));
        assertEquals(IF + "/signal/heartbeat/demosvc", SpawnUris.serviceHeartbeat(P, "demosvc"));
        assertEquals(IF + "/signal/heartbeat/*", SpawnUris.serviceHeartbeats(P));
        assertEquals(IF + "/signal/log", SpawnUris.log(P));
        assertEquals(IF + "/signal/manifests", SpawnUris.manifests(P));
        assertEquals(IF + "/slot/config", SpawnUris.configSlot(P));
        assertEquals(IF + "/slot/restart", SpawnUris.restartSlot(P));
        assertEquals(IF + "/slot/stop", SpawnUris.stopSlot(P));
        assertEquals(IF + "/slot/logs", SpawnUris.logsSlot(P));
        assertEquals(IF + "/signal/logs/demosvc", SpawnUris.logsSignal(P, "demosvc"));
        assertEquals(P + "/s.spawnpoint/!meta/owner", SpawnUris.metadata(P, "owner"));
        assertEquals(P + "/s.spawnpoint", SpawnUris.serviceUri(P));
        assertEquals("alpha", SpawnUris.lastElement(P + "/"));
    }

    @Test
    void scanPatternFollowsTheWildcardRule() {
        String hb = "/s.spawnpoint/server/i.spawnpoint/signal/heartbeat";
        assertEquals("scratch.ns/spawnpoint/*" + hb, SpawnUris.scanPattern("scratch.ns/spawnpoint"));
        assertEquals("scratch.ns/spawnpoint/*" + hb, SpawnUris.scanPattern("scratch.ns/spawnpoint/"));
        assertEquals("scratch.ns/spawnpoint/*" + hb, SpawnUris.scanPattern("scratch.ns/spawnpoint/*"));
        // The URI spawnctl scan queried in the capture.
        assertEquals(Transcripts.frames("spawnctl-scan-empty.bin").get(1).kv("uri"), SpawnUris.scanPattern("scratch.ns/spawnpoint"));
    }

    @Test
    void parsesHeartbeatUris() {
        assertEquals("vk=/spawnpoint/alpha", SpawnUris.spawnpointFromHeartbeat("vk=/spawnpoint/alpha" + SpawnUris.HEARTBEAT_SUFFIX));
        assertNull(SpawnUris.spawnpointFromHeartbeat("vk=/x/signal/log"));
        assertEquals("svc", SpawnUris.serviceFromHeartbeat(SpawnUris.serviceHeartbeat(P, "svc")));
        assertNull(SpawnUris.serviceFromHeartbeat(SpawnUris.heartbeat(P)));
        assertNull(SpawnUris.serviceFromHeartbeat(SpawnUris.serviceHeartbeat(P, "a") + "/b"));
    }
}
