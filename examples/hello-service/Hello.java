// Example Spawnpoint service in Java, written against the spawnable library.
//
// Runs as a single source file, compiled by the java launcher at start (Java 11+), with no build step:
//     java -cp '/opt/spawnpoint/lib/*' Hello.java [params-file]
// spawnd's base image (spawnpoint/base) holds the library and its dependencies in /opt/spawnpoint/lib.
//
// What it does: reads params.yml, connects to $BW2_AGENT as $BW2_DEFAULT_ENTITY (both set by spawnd), registers
// <svc_base_uri>/s.hello with the interface <instance>/i.hello, merges the `metadata` parameter, publishes a String
// PO on signal/greeting every `interval` seconds and prints whatever arrives on slot/say. Everything goes to stdout,
// which spawnd forwards to `spawnctl tail`.

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.BosswaveException;
import org.spawnpoint.bosswave.Message;
import org.spawnpoint.bosswave.Service;
import org.spawnpoint.bosswave.ServiceInterface;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.spawnable.AgentUnreachableException;
import org.spawnpoint.spawnable.Backoff;
import org.spawnpoint.spawnable.MetadataPublisher;
import org.spawnpoint.spawnable.Params;
import org.spawnpoint.spawnable.Spawnable;
import org.spawnpoint.spawnable.SpawnableException;

public class Hello {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    public static void main(String[] args) throws InterruptedException {
        String paramsFile = args.length > 0 ? args[0] : Spawnable.DEFAULT_PARAMS_FILE;
        Params params = Spawnable.paramsOrExit(paramsFile);
        String greeting;
        int intervalSeconds;
        String instance;
        try {
            greeting = params.getString("greeting", "Hello from Spawnpoint");
            intervalSeconds = params.getInt("interval", 10);
            instance = params.getString("instance", "greeter");
            params.requireString(Params.SVC_BASE_URI);
            if (intervalSeconds < 1) {
                throw new SpawnableException("Parameter 'interval' in " + paramsFile
                        + " should be a whole number of seconds >= 1, but it is " + intervalSeconds);
            }
        } catch (SpawnableException e) {
            fail(e.getMessage());
            return;
        }

        log("starting: greeting \"" + greeting + "\" every " + intervalSeconds + " s");
        // The agent may still be coming up when the container starts: retry only that, not configuration errors.
        Backoff backoff = Backoff.builder(Duration.ofMillis(500), Duration.ofSeconds(30)).jitter(0.2).build();
        BosswaveClient bw;
        try {
            bw = backoff.retry(Spawnable::connect, e -> e instanceof AgentUnreachableException,
                    (attempt, error, delay) -> log("attempt " + attempt + ": " + error.getMessage()
                            + "; retrying in " + delay.toMillis() + " ms"));
        } catch (SpawnableException e) {
            fail(e.getMessage());
            return;
        }
        log("connected to agent " + bw.agentVersion() + " as " + bw.entityVk());

        Service service;
        ServiceInterface iface;
        Subscription slot;
        try {
            service = Spawnable.registerService(bw, params, "s.hello");
            iface = Spawnable.registerInterface(service, instance, "i.hello");
            slot = iface.subscribeSlot("say", Hello::onSay);
        } catch (RuntimeException e) {
            bw.close();
            fail(e.getMessage());
            return;
        }
        log("registered " + iface.uri());
        log("publishing on " + iface.signalUri("greeting") + ", listening on " + iface.slotUri("say"));

        if (params.has(Params.METADATA)) {
            try {
                for (MetadataPublisher.Outcome o : Spawnable.mergeMetadata(bw, params)) {
                    log("metadata " + o.uri() + " = " + o.value() + ": " + o.status() + " (" + o.detail() + ")");
                }
            } catch (SpawnableException e) {
                log("metadata not applied: " + e.getMessage());
            }
        }

        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("stopping");
            stop.countDown();
            slot.close();
            service.close();
            bw.close();
        }, "hello-shutdown"));

        AtomicLong count = new AtomicLong();
        do {
            String text = greeting + " #" + count.incrementAndGet();
            try {
                iface.publishSignal("greeting", PayloadObject.ofString(text));
                log("published \"" + text + "\"");
            } catch (BosswaveException e) {
                // The client reconnects by itself; the next round tries again.
                log("could not publish \"" + text + "\": " + e.getMessage());
            }
        } while (!stop.await(intervalSeconds, java.util.concurrent.TimeUnit.SECONDS));
    }

    private static void onSay(Message m) {
        boolean any = false;
        for (PayloadObject po : m.payloadObjects()) {
            if (po.isType(PoNum.TEXT_FAMILY, 4)) {
                log("slot say: \"" + po.contentAsString() + "\" from " + m.from());
                any = true;
            }
        }
        if (!any) {
            log("slot say: a message without text (" + m.payloadObjects() + ") from " + m.from());
        }
    }

    private static void log(String line) {
        System.out.println("[" + LocalTime.now().format(CLOCK) + "] hello: " + line);
    }

    private static void fail(String message) {
        System.err.println("hello: " + message);
        System.exit(1);
    }
}
