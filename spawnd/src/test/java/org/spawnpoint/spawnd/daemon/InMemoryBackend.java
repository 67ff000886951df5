package org.spawnpoint.spawnd.daemon;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.ContainerExit;
import org.spawnpoint.spawnd.backend.ContainerSpec;
import org.spawnpoint.spawnd.backend.ContainerStartException;
import org.spawnpoint.spawnd.backend.ImageSpec;
import org.spawnpoint.spawnd.backend.LogLine;
import org.spawnpoint.spawnd.backend.OwnedContainer;
import org.spawnpoint.spawnd.backend.ResourceStats;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/** A container engine in memory: containers are records; tests make them die with {@link #kill}. */
final class InMemoryBackend implements ServiceBackend {
    static final class Container {
        final String id;
        final ContainerSpec spec;
        volatile boolean running;
        volatile int exitCode;
        volatile int starts;
        volatile Instant startedAt = Instant.now();

        Container(String id, ContainerSpec spec) {
            this.id = id;
            this.spec = spec;
        }
    }

    final Map<String, Container> containers = new ConcurrentHashMap<>();
    final List<String> builtImages = new CopyOnWriteArrayList<>();
    final List<Consumer<BackendEvent>> listeners = new CopyOnWriteArrayList<>();
    final AtomicInteger concurrentStarts = new AtomicInteger();
    final AtomicInteger maxConcurrentStartsPerName = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    volatile boolean failNextStart;
    /** While set, restart fails as docker-java does when the engine is away: a plain runtime exception. */
    volatile boolean engineDown;
    volatile Duration startDelay = Duration.ZERO;
    /** What health checks answer, per service; healthy when absent. */
    final Map<String, org.spawnpoint.spawnd.backend.ProbeResult> probeAnswers = new ConcurrentHashMap<>();
    final AtomicInteger probes = new AtomicInteger();

    @Override
    public org.spawnpoint.spawnd.backend.ProbeResult probe(String containerId,
                                                          org.spawnpoint.spawnclient.model.HealthCheck check) {
        probes.incrementAndGet();
        Container c = containers.get(containerId);
        if (c == null || !c.running) {
            return org.spawnpoint.spawnd.backend.ProbeResult.failed("container not running");
        }
        return probeAnswers.getOrDefault(c.spec.serviceName(), org.spawnpoint.spawnd.backend.ProbeResult.ok("200"));
    }

    @Override
    public String prepareImage(String serviceName, ImageSpec spec, Consumer<String> buildOutput) {
        if (!spec.needsBuild()) {
            return spec.baseImage();
        }
        buildOutput.accept("Step 1/1 : FROM " + spec.baseImage());
        builtImages.add("spawnpoint_image_" + serviceName);
        return "spawnpoint_image_" + serviceName;
    }

    @Override
    public String createAndStart(ContainerSpec spec) {
        int now = concurrentStarts.incrementAndGet();
        maxConcurrentStartsPerName.accumulateAndGet(now, Math::max);
        try {
            if (!startDelay.isZero()) {
                Thread.sleep(startDelay.toMillis());
            }
            containers.values().removeIf(c -> c.spec.serviceName().equals(spec.serviceName()));
            if (failNextStart) {
                failNextStart = false;
                throw new ContainerStartException("exited with code 1: boom", null, null);
            }
            Container c = new Container("c" + ids.incrementAndGet(), spec);
            c.running = true;
            c.starts = 1;
            containers.put(c.id, c);
            return c.id;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        } finally {
            concurrentStarts.decrementAndGet();
        }
    }

    /** The container dies with {@code code}; a DIE event goes to the monitor. */
    void kill(String id, int code) {
        Container c = containers.get(id);
        c.running = false;
        c.exitCode = code;
        BackendEvent e = new BackendEvent(BackendEvent.Type.DIE, id, c.spec.serviceName(), code, Instant.now());
        listeners.forEach(l -> l.accept(e));
    }

    Container byService(String name) {
        return containers.values().stream().filter(c -> c.spec.serviceName().equals(name)).findFirst().orElse(null);
    }

    @Override
    public void stop(String containerId, Duration timeout) {
        Container c = containers.get(containerId);
        if (c != null) {
            c.running = false;
        }
    }

    @Override
    public void restart(String containerId, Duration timeout) {
        if (engineDown) {
            throw new RuntimeException("java.net.SocketException: No such file or directory");
        }
        Container c = containers.get(containerId);
        if (c == null) {
            throw new ContainerStartException("No such container: " + containerId, null, null);
        }
        if (failNextStart) {
            failNextStart = false;
            throw new ContainerStartException("exited with code 1: boom", null, null);
        }
        c.running = true;
        c.starts++;
        c.startedAt = Instant.now();
    }

    @Override
    public void remove(String containerId) {
        containers.remove(containerId);
    }

    @Override
    public List<OwnedContainer> listOwned() {
        List<OwnedContainer> out = new ArrayList<>();
        containers.values().forEach(c -> out.add(new OwnedContainer(c.id, c.spec.serviceName(), c.spec.image(),
                c.running, Map.of(), c.running ? c.startedAt : null)));
        return out;
    }

    @Override
    public Optional<ContainerExit> inspect(String containerId, int lastLines) {
        if (engineDown) {
            throw new RuntimeException("java.net.SocketException: No such file or directory");
        }
        Container c = containers.get(containerId);
        return c == null ? Optional.empty()
                : Optional.of(new ContainerExit(c.running, c.exitCode, false, "", List.of("last line")));
    }

    @Override
    public AutoCloseable followLogs(String containerId, Instant since, Consumer<LogLine> lines, Runnable onEnd) {
        return () -> { };
    }

    @Override
    public AutoCloseable monitorEvents(Consumer<BackendEvent> events) {
        listeners.add(events);
        return () -> listeners.remove(events);
    }

    /** When set, a stats call counts down {@code statsTaken} and then waits for {@code statsRelease}. */
    volatile java.util.concurrent.CountDownLatch statsTaken;
    volatile java.util.concurrent.CountDownLatch statsRelease;

    @Override
    public ResourceStats stats(String containerId) {
        java.util.concurrent.CountDownLatch taken = statsTaken;
        java.util.concurrent.CountDownLatch release = statsRelease;
        if (taken != null && release != null) {
            taken.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }
        return new ResourceStats(Instant.now(), 10, 0, 0, 0, 0, 1.5);
    }

    @Override
    public void close() {
    }
}
