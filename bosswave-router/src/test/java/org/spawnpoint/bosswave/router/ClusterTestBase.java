package org.spawnpoint.bosswave.router;


import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.router.internal.objects.KeyFiles.EntityKey;

/**
 * The set-up of the cluster ITs (issue 15): a real 3-node NATS JetStream cluster of nats-server processes, router A
 * with the registry in its data directory (and a message it persisted while it ran alone), router B with an empty one
 * (it learns the registry from the cluster), clients on both.
 */
abstract class ClusterTestBase {
    @TempDir
    static Path dir;
    static NatsCluster nats;
    static Router a;
    static Router b;
    static EntityKey ns;
    static EntityKey alice;
    static String nsVk;
    static BosswaveClient onA;
    static BosswaveClient onB;
    static BosswaveClient nsOnA;

    @BeforeAll
    static void start() throws Exception {
        nats = NatsCluster.start(dir.resolve("nats"), 3);
        ns = Fixture.entity("ns");
        alice = Fixture.entity("alice");
        nsVk = ns.entity().vkB64();
        Fixture.registry(dir.resolve("a"), r -> {
            r.putEntity(ns.entity());
            r.putEntity(alice.entity());
            r.putAlias(Fixture.ALIAS, ns.entity().vk());
            r.putDot(Fixture.dot(ns, alice, ns, "*", "PC*L", 2));
        });
        // A ran alone before it joined: what it persisted then is the bus's once it joins
        try (Router alone = Fixture.start(dir.resolve("a"), c -> { });
             BosswaveClient c = Fixture.client(alone, alice)) {
            persist(c, "solo/x", "persisted while alone");
        }
        a = clustered(dir.resolve("a"));
        b = clustered(dir.resolve("b"));
        onA = Fixture.client(a, alice);
        onB = Fixture.client(b, alice);
        nsOnA = Fixture.client(a, ns);
    }

    static Router clustered(Path data) {
        return Fixture.start(data, c -> c.cluster(nats.urls()));
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[] {onA, onB, nsOnA, a, b, nats}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    static String uri(String suffix) {
        return Fixture.ALIAS + "/" + suffix;
    }

    static String text(Message m) {
        return m.payloadObjects().isEmpty() ? "" : m.payloadObjects().get(0).contentAsString();
    }

    static void publish(BosswaveClient c, String suffix, String text) {
        c.publish(PublishParams.uri(uri(suffix)).payload(PayloadObject.ofString(text)));
    }

    static void persist(BosswaveClient c, String suffix, String text) {
        c.publish(PublishParams.uri(uri(suffix)).persist(true).payload(PayloadObject.ofString(text)));
    }

    static List<String> texts(List<Message> ms) {
        return ms.stream().map(ClusterTestBase::text).sorted().toList();
    }

    static List<String> sorted(List<String> l) {
        List<String> out = new ArrayList<>(l);
        Collections.sort(out);
        return out;
    }

    static void waitFor(BooleanSupplier c, long ms, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        while (!c.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("not within " + ms + " ms: " + what);
            }
            Thread.sleep(10);
        }
    }

}
