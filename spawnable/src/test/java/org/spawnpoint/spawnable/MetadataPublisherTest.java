package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.payload.MetadataTuple;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.Payloads;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnable.MetadataPublisher.Outcome;
import org.spawnpoint.spawnable.MetadataPublisher.Status;

class MetadataPublisherTest {
    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00.750Z");
    private static final Instant VALID = Instant.parse("2016-09-21T19:10:35Z");
    private static final long VALID_NS = VALID.getEpochSecond() * 1_000_000_000L;

    private final FakeBosswaveClient bw = new FakeBosswaveClient();
    private final MetadataPublisher publisher = new MetadataPublisher(bw, Clock.fixed(NOW, ZoneOffset.UTC));

    private static Params params(String yaml) {
        return Spawnable.parseParams(yaml, "params.yml");
    }

    private static PayloadObject tuple(String value, long ts) {
        return Payloads.metadata(new MetadataTuple(value, ts));
    }

    private MetadataTuple retainedAt(String uri) {
        return Payloads.metadataTuple(bw.retained.get(uri).payload(PoNum.SMETADATA).orElseThrow());
    }

    @Test
    void publishesEachKeyUnderSvcBaseUriPersistedWithAutochain() {
        List<Outcome> out = publisher.merge(params("""
                svc_base_uri: scratch.ns/services/
                metavalid: Wed Sep 21 19:10:35 UTC 2016
                metadata:
                  s.hello:
                    owner: alice
                    floor: 4
                  s.hello/i.greeter:
                    room: "410"
                """));
        assertEquals(List.of(
                new Outcome("scratch.ns/services/s.hello/!meta/owner", "alice", Status.SET, "valid from " + VALID),
                new Outcome("scratch.ns/services/s.hello/!meta/floor", "4", Status.SET, "valid from " + VALID),
                new Outcome("scratch.ns/services/s.hello/i.greeter/!meta/room", "410", Status.SET,
                        "valid from " + VALID)), out);
        assertEquals(3, bw.published.size());
        for (PublishParams p : bw.published) {
            assertTrue(p.persist() && p.autoChain(), p.uri());
            assertEquals(1, p.payloadObjects().size());
            assertEquals(PoNum.SMETADATA, p.payloadObjects().get(0).type());
        }
        assertEquals(new MetadataTuple("alice", VALID_NS), retainedAt("scratch.ns/services/s.hello/!meta/owner"));
        assertEquals(List.of("scratch.ns/services/s.hello/!meta/owner", "scratch.ns/services/s.hello/!meta/floor",
                "scratch.ns/services/s.hello/i.greeter/!meta/room"), bw.queried, "each exact !meta URI is queried");
    }

    @Test
    void newerExistingOrSameTimestampIsKept() {
        String base = "ns/svc/s.a/!meta/";
        bw.retain(base + "newer", tuple("theirs", VALID_NS + 1));
        bw.retain(base + "same", tuple("theirs", VALID_NS));
        bw.retain(base + "older", tuple("theirs", VALID_NS - 1_000_000_000L));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("newer", "mine");
        values.put("same", "mine");
        values.put("older", "mine");
        values.put("absent", "mine");
        List<Outcome> out = publisher.mergeOnUri("ns/svc/s.a/", values, VALID);
        assertEquals(List.of(Status.KEPT_EXISTING, Status.KEPT_EXISTING, Status.SET, Status.SET),
                out.stream().map(Outcome::status).toList());
        assertEquals(new MetadataTuple("theirs", VALID_NS + 1), retainedAt(base + "newer"));
        assertEquals(new MetadataTuple("theirs", VALID_NS), retainedAt(base + "same"));
        assertEquals(new MetadataTuple("mine", VALID_NS), retainedAt(base + "older"));
        assertEquals(new MetadataTuple("mine", VALID_NS), retainedAt(base + "absent"));
        assertTrue(out.get(0).detail().contains("existing value \"theirs\""), out.get(0).detail());
        assertEquals(2, bw.published.size());
    }

    @Test
    void runningTwiceWithTheSameValidTimeDoesNotRepublish() {
        Params p = params("svc_base_uri: ns/svc\nmetavalid: Wed Sep 21 19:10:35 UTC 2016\nmetadata: {s.a: {k: v}}\n");
        assertEquals(Status.SET, publisher.merge(p).get(0).status());
        assertEquals(Status.KEPT_EXISTING, publisher.merge(p).get(0).status());
        assertEquals(1, bw.published.size());
    }

    @Test
    void aValueInheritedFromAParentUriDoesNotBlockTheDeeperUri() {
        // getMetadata would merge prefixes and see this newer parent value; the exact URI has nothing yet.
        bw.retain("ns/svc/!meta/room", tuple("parent", VALID_NS + 5_000_000_000L));
        List<Outcome> out = publisher.mergeOnUri("ns/svc/s.a", Map.of("room", "child"), VALID);
        assertEquals(Status.SET, out.get(0).status());
        assertEquals(new MetadataTuple("child", VALID_NS), retainedAt("ns/svc/s.a/!meta/room"));
    }

    @Test
    void existingMessageWithoutAValidTupleIsReplaced() {
        bw.retain("ns/a/!meta/k", PayloadObject.ofString("not metadata"));
        bw.retain("ns/a/!meta/j", PayloadObject.of(PoNum.SMETADATA, new byte[] {(byte) 0xc1}));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("k", "v");
        values.put("j", "w");
        List<Outcome> out = publisher.mergeOnUri("ns/a", values, VALID);
        assertEquals(List.of(Status.SET, Status.SET), out.stream().map(Outcome::status).toList());
    }

    @Test
    void failuresAreReportedPerKeyAndTheOthersGoOn() {
        bw.queryFailures.put("ns/a/!meta/q", FakeBosswaveClient.denied("ns/a/!meta/q"));
        bw.publishFailures.put("ns/a/!meta/p", FakeBosswaveClient.denied("ns/a/!meta/p"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("q", "1");
        values.put("p", "2");
        values.put("ok", "3");
        List<Outcome> out = publisher.mergeOnUri("ns/a", values, VALID);
        assertEquals(new Outcome("ns/a/!meta/q", "1", Status.FAILED,
                "could not query the existing metadata: [401] no permission on ns/a/!meta/q"), out.get(0));
        assertEquals(new Outcome("ns/a/!meta/p", "2", Status.FAILED,
                "could not publish the metadata: [401] no permission on ns/a/!meta/p"), out.get(1));
        assertEquals(Status.SET, out.get(2).status());
    }

    @Test
    void withoutMetavalidTheTimeIsNowToTheSecond() {
        publisher.merge(params("svc_base_uri: ns/svc\nmetadata: {'': {k: v}}\n"));
        long nowSeconds = NOW.getEpochSecond() * 1_000_000_000L;
        assertEquals(new MetadataTuple("v", nowSeconds), retainedAt("ns/svc/!meta/k"));
    }

    @Test
    void metavalidAcceptsGoUnixDateTheDocumentedLayoutAndIso() {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        assertEquals(VALID, ParamsMetadata.validFrom(params("metavalid: Wed Sep 21 19:10:35 UTC 2016"), clock));
        assertEquals(Instant.parse("2016-09-02T19:10:35Z"),
                ParamsMetadata.validFrom(params("metavalid: Fri Sep  2 19:10:35 UTC 2016"), clock));
        assertEquals(VALID, ParamsMetadata.validFrom(params("metavalid: 2016-09-21T19:10:35 UTC"), clock));
        assertEquals(VALID, ParamsMetadata.validFrom(params("metavalid: 2016-09-21T12:10:35-07:00"), clock));
        assertEquals(VALID, ParamsMetadata.validFrom(params("metavalid: 2016-09-21T19:10:35.999Z"), clock));
    }

    @Test
    void badMetavalidNamesTheParameterAndTheFormats() {
        var e = assertThrows(ParamsException.class, () -> publisher.merge(params(
                "svc_base_uri: ns/svc\nmetavalid: yesterday\nmetadata: {s.a: {k: v}}\n")));
        assertTrue(e.getMessage().startsWith("Parameter 'metavalid' in params.yml should be a time such as"
                + " \"Mon Jan  2 15:04:05 MST 2006\" (Go UnixDate)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("but it is the string \"yesterday\""), e.getMessage());
        assertTrue(bw.published.isEmpty(), "nothing is published when the parameters are wrong");
    }

    @Test
    void documentedListFormIsAcceptedToo() {
        List<Outcome> out = publisher.merge(params("""
                svc_base_uri: ns/svc
                metavalid: Wed Sep 21 19:10:35 UTC 2016
                metadata:
                  - s.name:
                      - key1: value1
                      - key2: value2
                  - s.name/instance:
                      - key3: value3
                  - s.name:
                      - key4: true
                """));
        assertEquals(List.of("ns/svc/s.name/!meta/key1", "ns/svc/s.name/!meta/key2", "ns/svc/s.name/!meta/key4",
                "ns/svc/s.name/instance/!meta/key3"), out.stream().map(Outcome::uri).toList());
        assertEquals("true", out.get(2).value());
    }

    @Test
    void parameterErrorsNameTheParameterSuffixAndKey() {
        assertEquals("Missing parameter 'metadata' in params.yml: expected a mapping of URI suffixes to key/value"
                        + " mappings",
                assertThrows(ParamsException.class, () -> publisher.merge(params("svc_base_uri: ns/a\n")))
                        .getMessage());
        assertEquals("Missing parameter 'svc_base_uri' in params.yml: expected a string",
                assertThrows(ParamsException.class, () -> publisher.merge(params("metadata: {s.a: {k: v}}\n")))
                        .getMessage());
        assertEquals("Parameter 'metadata' in params.yml should be a mapping (or a list of one-key mappings), but"
                        + " it is the string \"oops\"",
                assertThrows(ParamsException.class, () -> publisher.merge(params("svc_base_uri: ns/a\nmetadata: oops\n")))
                        .getMessage());
        assertEquals("Parameter 'metadata' suffix 's.a' key 'k' in params.yml should be a text, number or boolean"
                        + " value, but it is a list of 2 elements",
                assertThrows(ParamsException.class, () -> publisher.merge(params(
                        "svc_base_uri: ns/a\nmetadata: {s.a: {k: [1, 2]}}\n"))).getMessage());
        assertEquals("Parameter 'metadata' suffix 's.a' key 'k' in params.yml should be a text, number or boolean"
                        + " value, but it is empty (null)",
                assertThrows(ParamsException.class, () -> publisher.merge(params(
                        "svc_base_uri: ns/a\nmetadata: {s.a: {k: }}\n"))).getMessage());
        assertTrue(assertThrows(ParamsException.class, () -> publisher.merge(params(
                "svc_base_uri: ns/a\nmetadata: {'s.a/*': {k: v}}\n"))).getMessage()
                .contains("the suffix 's.a/*'"));
        assertTrue(assertThrows(ParamsException.class, () -> publisher.merge(params(
                "svc_base_uri: 'ns/*'\nmetadata: {s.a: {k: v}}\n"))).getMessage()
                .startsWith("Parameter 'svc_base_uri' in params.yml should be a BOSSWAVE URI"));
        assertTrue(bw.published.isEmpty());
    }

    @Test
    void publishesTheTupleWithTheClientsOneEncoderAsBw2bindDoes() {
        publisher.merge(params("svc_base_uri: ns/a\nmetavalid: Wed Sep 21 19:10:35 UTC 2016\nmetadata: {s.a: {k: v}}\n"));
        byte[] content = bw.retained.values().iterator().next().payload(PoNum.SMETADATA).orElseThrow().content();
        // setmetadata.bin: fixmap {val, ts}, ts as uint64 (cf) even though Go's field is an int64
        assertEquals("82" + "a376616c" + "a176" + "a27473" + "cf" + String.format("%016x", VALID_NS),
                HexFormat.of().formatHex(content));
        assertArrayEquals(Payloads.metadata(new MetadataTuple("v", VALID_NS)).content(), content);
    }
}
