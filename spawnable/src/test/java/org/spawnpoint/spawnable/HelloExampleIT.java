package org.spawnpoint.spawnable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spawnpoint.bosswave.Bosswave;
import org.spawnpoint.bosswave.BosswaveClient;
import org.spawnpoint.bosswave.PublishParams;
import org.spawnpoint.bosswave.SubscribeParams;
import org.spawnpoint.bosswave.Subscription;
import org.spawnpoint.bosswave.payload.PayloadObject;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs examples/hello-service as spawnd would (its deploy.yml {@code run} command in a directory holding its
 * {@code includedFiles}, {@code BW2_AGENT} and {@code BW2_DEFAULT_ENTITY} set), with the library on the classpath the
 * way the base image lays it out (the spawnable jar and its dependencies), against a real router.
 */
class HelloExampleIT {
    private static final Path EXAMPLE = Path.of("..", "examples", "hello-service").toAbsolutePath().normalize();
    private static final String IFACE = "scratch.ns/services/s.hello/greeter/i.hello";

    @TempDir
    Path dir;

    private Process process;
    private final List<String> output = new CopyOnWriteArrayList<>();

    @AfterEach
    void stopProcess() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void helloPublishesItsGreetingListensOnItsSlotAndSetsMetadata() throws Exception {
        Map<String, Object> deploy = new Yaml().load(Files.readString(EXAMPLE.resolve("deploy.yml")));
        assertEquals("spawnpoint/base:latest", deploy.get("image"));
        Path srv = Files.createDirectories(dir.resolve("srv"));
        for (Object f : (List<?>) deploy.get("includedFiles")) {
            Files.copy(EXAMPLE.resolve((String) f), srv.resolve((String) f));
        }
        List<String> command = new ArrayList<>();
        for (Object word : (List<?>) deploy.get("run")) {
            String w = (String) word;
            command.add(switch (w) {
                case "java" -> Path.of(System.getProperty("java.home"), "bin", "java").toString();
                case "/opt/spawnpoint/lib/*" -> libraryClasspath();
                default -> w;
            });
        }

        try (LocalRouter router = LocalRouter.start(dir.resolve("router"));
             BosswaveClient probe = Bosswave.connect(router.address())) {
            probe.setEntityFile(router.userKey);
            CompletableFuture<String> greeting = new CompletableFuture<>();
            try (Subscription s = probe.subscribe(SubscribeParams.uri(IFACE + "/signal/greeting").autoChain(true),
                    m -> greeting.complete(m.payloadObjects().get(0).contentAsString()))) {
                ProcessBuilder pb = new ProcessBuilder(command).directory(srv.toFile()).redirectErrorStream(true);
                pb.environment().put("BW2_AGENT", router.address());
                pb.environment().put("BW2_DEFAULT_ENTITY", router.userKey.toString());
                process = pb.start();
                Thread reader = new Thread(this::readOutput, "hello-output");
                reader.setDaemon(true);
                reader.start();

                String first = greeting.get(60, TimeUnit.SECONDS);
                assertTrue(first.startsWith("Hello from Spawnpoint #"), first);
            }

            awaitLine("listening on " + IFACE + "/slot/say");
            probe.publish(PublishParams.uri(IFACE + "/slot/say").autoChain(true)
                    .payload(PayloadObject.ofString("ping from the IT")));
            awaitLine("slot say: \"ping from the IT\" from " + probe.entityVk());

            assertEquals("An example Java service",
                    probe.getMetadata("scratch.ns/services/s.hello").get("description").value());
            assertEquals("greetings", probe.getMetadata(IFACE).get("unit").value());

            // SIGTERM, as docker stop sends; through the handle, because Process.destroy() also closes our end of
            // its output, which would lose the last lines.
            assertTrue(process.toHandle().destroy(), "could not signal hello");
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "hello did not stop on SIGTERM");
            awaitLine("hello: stopping");
        }
    }

    private String libraryClasspath() throws Exception {
        List<String> entries = new ArrayList<>();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "spawnable-*.jar")) {
            for (Path j : jars) {
                if (!j.toString().endsWith("-tests.jar") && !j.toString().endsWith("-sources.jar")) {
                    entries.add(j.toAbsolutePath().toString());
                }
            }
        }
        assertEquals(1, entries.size(), "expected the packaged spawnable jar in target/ (run through mvn verify)");
        entries.add(Path.of("target", "lib").toAbsolutePath() + "/*");
        return String.join(java.io.File.pathSeparator, entries);
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                output.add(line);
                System.out.println("[hello] " + line);
            }
        } catch (java.io.IOException e) {
            output.add("(output closed: " + e + ")");
        }
    }

    private void awaitLine(String fragment) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            if (output.stream().anyMatch(l -> l.contains(fragment))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no output line containing '" + fragment + "'; got:\n" + String.join("\n", output));
    }
}
