package org.spawnpoint.bosswave.router;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.spawnpoint.bosswave.internal.DefaultBosswaveClient;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.CreateDotParams;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.QueryParams;
import org.spawnpoint.bosswave.RouterErrorException;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;
import org.spawnpoint.bosswave.wire.Frame;

/**
 * Faults of a bus of routers over a real 3-node NATS cluster (issue 15): a router killed under its client, a NATS node
 * killed mid-run, and the whole NATS cluster gone and back. The tests that stop NATS nodes come last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterFaultsIT extends ClusterTestBase {
    @Test
    @Order(7)
    void aClientOfAKilledRouterCarriesOnThroughAnotherAndResubscribes() throws Exception {
        Router c = clustered(dir.resolve("c2"));
        boolean[] down = {false};
        List<String> got = new CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch reconnected = new java.util.concurrent.CountDownLatch(1);
        try (BosswaveClient roaming = org.spawnpoint.bosswave.Bosswave.connect(org.spawnpoint.bosswave.ClientOptions
                .builder().address(c.address() + "," + b.address()).autoReconnect(true).build())) {
            roaming.setEntity(alice.blob());
            roaming.addConnectionListener((event, detail) -> {
                if (event == org.spawnpoint.bosswave.ConnectionListener.Event.RECONNECTED) {
                    reconnected.countDown();
                }
            });
            roaming.subscribe(SubscribeParams.uri(uri("roam/x")), m -> got.add(text(m)));
            publish(onA, "roam/x", "through c");
            waitFor(() -> got.size() == 1, 5000, "delivery through router C");
            c.close();
            down[0] = true;
            assertTrue(reconnected.await(10, java.util.concurrent.TimeUnit.SECONDS), "reconnected to B");
            publish(onA, "roam/x", "through b");
            waitFor(() -> got.size() == 2, 5000, "delivery through router B after the resubscribe");
            assertEquals(List.of("through c", "through b"), got);
        } finally {
            if (!down[0]) {
                c.close();
            }
        }
    }

    @Test
    @Order(8)
    void aNatsNodeKilledMidRunChangesNothingForClients() throws Exception {
        persist(onA, "k/p", "before");
        List<String> got = new CopyOnWriteArrayList<>();
        int n = 600;
        try (Subscription s = onB.subscribe(SubscribeParams.uri(uri("k/a")), m -> got.add(text(m)))) {
            for (int i = 0; i < n; i++) {
                if (i == 200) {
                    nats.kill(nats.busiest("bw2-router")); // the node most of our routers are connected to
                }
                publish(onA, "k/a", Integer.toString(i));
                Thread.sleep(5);
            }
            waitFor(() -> got.contains(Integer.toString(n - 1)), 20_000, "the last message after the kill");
            Thread.sleep(300);
        }
        List<Integer> seq = got.stream().map(Integer::parseInt).toList();
        for (int i = 1; i < seq.size(); i++) {
            assertTrue(seq.get(i) > seq.get(i - 1), "in order, once: " + seq);
        }
        System.out.println("node killed mid-run: " + seq.size() + " of " + n + " messages arrived");
        // at most a reconnect's worth is lost on core NATS, and not what comes after it
        assertTrue(seq.size() >= n - 200, seq.size() + " of " + n);
        assertEquals(List.of("before"), texts(onB.query(QueryParams.uri(uri("k/p")))), "R3: nothing acked is lost");
        persist(onA, "k/p", "after");
        // B answers from its copy, which catches up within the query's 2 s wait when JetStream answers; while the
        // streams of the killed node elect new leaders (longer on a loaded machine: CI once saw "cannot resume the
        // watch ... Timeout") it answers from the copy it has, logged, as the README says. It must catch up.
        waitFor(() -> texts(onB.query(QueryParams.uri(uri("k/p")))).equals(List.of("after")), 15_000,
                "persist goes on with 2 of 3: B's copy has the new value");
    }

    @Test
    @Order(9)
    void withoutNatsARouterServesItsOwnClientsWithTheStateItHas() throws Exception {
        for (NatsCluster.Node node : nats.nodes) {
            if (node.process != null) {
                nats.kill(node);
            }
        }
        List<String> got = new CopyOnWriteArrayList<>();
        try (Subscription s = onA.subscribe(SubscribeParams.uri(uri("alone/x")), m -> got.add(text(m)))) {
            publish(onA, "alone/x", "still here");
            waitFor(() -> got.size() == 1, 5000, "a local delivery without NATS");
        }
        assertEquals(List.of("after"), texts(onA.query(QueryParams.uri(uri("k/p")))), "the state it has");
        RouterErrorException e = assertThrows(RouterErrorException.class, () -> persist(onA, "alone/p", "x"));
        assertEquals(413, e.code());
        assertTrue(e.reason().contains("lost the NATS cluster"), e.reason());

        // a grant made through A meanwhile holds on A at once, and on B once the cluster is back
        EntityKey dave = Fixture.entity("dave");
        Frame put = ((DefaultBosswaveClient) nsOnA).request(Frame.builder("pute", 0).po(new PayloadObject(0x30, dave.entity().encoded())))
                .get().get(0);
        assertEquals("okay", put.kv("status"), put.toString());
        nsOnA.createDot(CreateDotParams.access(dave.entity().vkB64(), nsVk + "/g/*", "PC"));
        try (BosswaveClient daveOnA = Fixture.client(a, dave); BosswaveClient daveOnB = Fixture.client(b, dave)) {
            publish(daveOnA, "g/x", "local grant");
            assertThrows(RouterErrorException.class, () -> publish(daveOnB, "g/x", "not yet"));
            nats.restartStopped();
            long start = System.nanoTime();
            waitFor(() -> {
                try {
                    publish(daveOnB, "g/x", "after the outage");
                    return true;
                } catch (RouterErrorException ex) {
                    return false;
                }
            }, 30_000, "the grant made during the outage reaching B");
            System.out.println("a grant made during the outage held on B " + (System.nanoTime() - start) / 1_000_000
                    + " ms after the cluster was back");
            persist(onA, "alone/p", "after the outage");
            assertEquals(List.of("after the outage"), texts(onB.query(QueryParams.uri(uri("alone/p")))));
        }
    }
}
