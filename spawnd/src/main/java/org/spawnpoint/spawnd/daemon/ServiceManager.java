package org.spawnpoint.spawnd.daemon;

import static org.spawnpoint.spawnd.daemon.DaemonEvents.failure;
import static org.spawnpoint.spawnd.daemon.DaemonEvents.info;

import com.google.common.util.concurrent.MoreExecutors;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnclient.model.ServiceHeartbeat;
import org.spawnpoint.spawnd.backend.BackendEvent;
import org.spawnpoint.spawnd.backend.BackendException;
import org.spawnpoint.spawnd.backend.OwnedContainer;
import org.spawnpoint.spawnd.backend.ResourceStats;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/**
 * The services of one spawnpoint: takes deploy, restart and stop requests and engine events, runs each service's
 * lifecycle on its own serial executor (so requests for one name are handled one at a time, in order), and accounts
 * for the resource pools.
 */
public final class ServiceManager implements ManagerContext, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceManager.class);
    private static final int STATS_THREADS = 4;
    /**
     * Health checks of all services: each waits at most its timeout (an engine call or a connection), one per service
     * at a time, so a few threads serve many services; a check that waits its turn is only late, never lost.
     */
    private static final int PROBE_THREADS = 4;
    private static final long LIFECYCLE_IDLE_SECONDS = 5;
    private static final long HEAP_TRIM_QUIET_MILLIS = 20_000;
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final ServiceBackend backend;
    private final ResourcePool pool;
    private final ManifestStore store;
    private final DaemonEvents events;
    private final Deployment.Policy policy;
    private final String spawnpointPath;
    private final CrashBackoff backoff;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    /** Resource samples: the engine takes about a second per sample, so a few threads serve many services. */
    private final ExecutorService stats;
    private final ExecutorService probes;
    /** The last resource sample of each running service, for heartbeats sent between samples (state changes). */
    private final Map<String, ResourceStats> lastStats = new ConcurrentHashMap<>();
    private final java.util.Set<String> sampling = ConcurrentHashMap.newKeySet();
    private final Map<String, Executor> actors = new ConcurrentHashMap<>();
    private final Map<String, ServiceInstance> services = new ConcurrentHashMap<>();

    /**
     * A manager with empty pools' bookkeeping in {@code pool}, manifests in {@code store}, reports to {@code events}.
     *
     * @param policy         what the daemon allows and adds to every deploy
     * @param spawnpointPath the daemon's base path, named in service heartbeats
     * @param backoff        the default restart policy of autoRestart services (a service's restartPolicy overrides
     *                       the keys it gives); {@link CrashBackoff#DEFAULT} in spawnd
     */
    public ServiceManager(ServiceBackend backend, ResourcePool pool, ManifestStore store, DaemonEvents events,
                          Deployment.Policy policy, String spawnpointPath, CrashBackoff backoff) {
        this(backend, pool, store, events, policy, spawnpointPath, backoff,
                Executors.newFixedThreadPool(STATS_THREADS, daemonThreads("spawnd-stats")));
    }

    /** As above, with the pool that takes resource samples given: tests hold a sample back with it. */
    ServiceManager(ServiceBackend backend, ResourcePool pool, ManifestStore store, DaemonEvents events,
                   Deployment.Policy policy, String spawnpointPath, CrashBackoff backoff, ExecutorService stats) {
        this.backend = backend;
        this.pool = pool;
        this.store = store;
        this.events = events;
        this.policy = policy;
        this.spawnpointPath = spawnpointPath;
        this.backoff = backoff;
        this.timers = Executors.newSingleThreadScheduledExecutor(daemonThreads("spawnd-timers"));
        HeapTrim heapTrim = new HeapTrim(timers, HEAP_TRIM_QUIET_MILLIS);
        // A burst of deploys may take a thread per service for a moment (engine calls block); idle threads go soon
        // after, and the heap the burst grew is trimmed, so that the daemon's footprint returns to what its running
        // services need.
        this.workers = new ThreadPoolExecutor(0, Integer.MAX_VALUE, LIFECYCLE_IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), daemonThreads("spawnd-lifecycle")) {
            @Override
            protected void afterExecute(Runnable task, Throwable failure) {
                heapTrim.activity();
            }
        };
        this.stats = stats;
        this.probes = Executors.newFixedThreadPool(PROBE_THREADS, daemonThreads("spawnd-health"));
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(null, r, prefix + "-" + n.incrementAndGet(), 256 * 1024);
            t.setDaemon(true);
            return t;
        };
    }

    // ---- requests -----------------------------------------------------------------------------------------------

    /** A config arrived on the config slot: YAML text and the optional base64 tar of included files. */
    public void deploy(String configYaml, String includedTar) {
        Deployment d;
        try {
            d = Deployment.plan(configYaml, includedTar, policy);
        } catch (Deployment.InvalidDeploymentException e) {
            events.log(guessServiceName(configYaml), failure("Failed to launch service: " + e.getMessage()));
            return;
        } catch (RuntimeException e) {
            events.log(guessServiceName(configYaml), failure("Failed to launch service: " + e.getMessage()));
            return;
        }
        String name = d.serviceName();
        Executor actor = actor(name);
        actor.execute(() -> services.computeIfAbsent(name, n -> new ServiceInstance(n, this, actor)).deploy(d));
    }

    /**
     * A config admitted by {@link ConfigAdmission}: parsed and checked on the serial executor of the service it
     * names ({@code guessedName}, from a scan of the bytes), so a slow parse holds up that service alone, and a
     * restart or stop sent after the deploy still runs after it. When the parsed name differs from the guess, the
     * deploy moves on to that name's executor.
     *
     * @param done run once the config is checked (or refused), whatever the outcome
     */
    public void deploy(String guessedName, byte[] configYaml, byte[] includedTar, Runnable done) {
        actor(guessedName).execute(() -> {
            Deployment d;
            try {
                String yaml = new String(configYaml, java.nio.charset.StandardCharsets.UTF_8);
                String tar = includedTar == null ? null : new String(includedTar, java.nio.charset.StandardCharsets.UTF_8);
                d = Deployment.plan(yaml, tar, policy);
            } catch (Deployment.InvalidDeploymentException | RuntimeException e) {
                events.log(guessedName, failure("Failed to launch service: " + e.getMessage()));
                return;
            } finally {
                done.run();
            }
            String name = d.serviceName();
            Runnable step = () -> services.computeIfAbsent(name, n -> new ServiceInstance(n, this, actor(n))).deploy(d);
            if (name.equals(guessedName)) {
                step.run();
            } else {
                actor(name).execute(step);
            }
        });
    }

    /**
     * A restart request (restart slot): restarts a running, waiting or given-up service (a new restart series), or
     * resurrects a zombie; logs {@code Service not found} for an unknown name.
     */
    public void restart(String name) {
        onActor(name, ServiceInstance::restart);
    }

    /** A stop request (stop slot): removes the service's container, returns its resources and forgets it. */
    public void stop(String name) {
        onActor(name, ServiceInstance::stop);
    }

    private void onActor(String name, java.util.function.Consumer<ServiceInstance> action) {
        if (name == null || name.isBlank() || name.length() > 255) {
            events.log("", failure("Service not found: expected a service name"));
            return;
        }
        actor(name).execute(() -> {
            ServiceInstance s = services.get(name);
            if (s == null) {
                events.log(name, failure("Service not found"));
            } else {
                action.accept(s);
            }
        });
    }

    /** An engine event about one of our containers. */
    public void onBackendEvent(BackendEvent e) {
        if (e.type() == BackendEvent.Type.MONITOR_RESUMED) {
            for (String name : List.copyOf(services.keySet())) {
                actor(name).execute(() -> {
                    ServiceInstance s = services.get(name);
                    if (s != null) {
                        s.recheck();
                    }
                });
            }
            return;
        }
        if (e.type() != BackendEvent.Type.DIE || e.serviceName() == null) {
            return;
        }
        String name = e.serviceName();
        actor(name).execute(() -> {
            ServiceInstance s = services.get(name);
            if (s != null) {
                s.containerDied(e.containerId(), e.exitCode());
            }
        });
    }

    // ---- recovery -----------------------------------------------------------------------------------------------

    /**
     * After a restart of spawnd: re-adopts every running container that a manifest names, restarts the autoRestart
     * ones that died meanwhile, makes zombies of the others, and drops manifests whose container is gone. Blocks
     * until done.
     *
     * <p>A crash in the middle of a deploy leaves a manifest without a container (the deploy had not finished) and
     * perhaps a container no manifest names (created, maybe holding the entity, never started or never recorded).
     * The rule: every container with this daemon's labels that no manifest names is removed; a manifest without a
     * container is carried out again (its deploy, or its restart, is started anew), since it says the service
     * should run. So after recovery every container spawnd made is adopted or gone.
     */
    public void recover() throws InterruptedException {
        Map<String, OwnedContainer> byId = new HashMap<>();
        for (OwnedContainer c : backend.listOwned()) {
            byId.put(c.id(), c);
        }
        List<Manifest> manifests = store.loadAll();
        removeUnclaimed(byId, manifests);
        CountDownLatch done = new CountDownLatch(manifests.size());
        for (Manifest m : manifests) {
            String name = m.serviceName();
            Executor actor = actor(name);
            actor.execute(() -> {
                try {
                    recoverOne(m, byId.get(m.containerId()), actor);
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        LOG.info("Recovery done: {} services adopted, {} MiB and {} CPU shares available", services.size(),
                pool.availableMemMiB(), pool.availableCpuShares());
    }

    /** Removes this daemon's containers that no manifest names: left by a deploy that a crash interrupted. */
    private void removeUnclaimed(Map<String, OwnedContainer> byId, List<Manifest> manifests) {
        java.util.Set<String> claimed = new java.util.HashSet<>();
        manifests.forEach(m -> claimed.add(m.containerId()));
        for (OwnedContainer c : List.copyOf(byId.values())) {
            if (claimed.contains(c.id())) {
                continue;
            }
            LOG.info("Removing container {} of service {} ({}): no manifest names it, a deploy was interrupted",
                    c.id(), c.serviceName(), c.running() ? "running" : "not running");
            try {
                backend.remove(c.id());
                byId.remove(c.id());
            } catch (RuntimeException e) {
                LOG.warn("Could not remove container {} of service {}: {}", c.id(), c.serviceName(), e.getMessage());
            }
        }
    }

    private void recoverOne(Manifest m, OwnedContainer container, Executor actor) {
        String name = m.serviceName();
        Deployment d;
        try {
            d = Deployment.plan(m.configYaml(), m.includedTar(), policy);
        } catch (Deployment.InvalidDeploymentException e) {
            events.log(name, failure("Cannot recover service: " + e.getMessage()));
            store.delete(name);
            return;
        }
        if (m.containerId() == null && m.state() == ServiceState.GIVEN_UP) {
            ServiceInstance s = new ServiceInstance(name, this, actor);
            services.put(name, s);
            s.restoreRestarts(m.restarts());
            s.adoptGivenUp(d, m.image(), null);
            return;
        }
        if (m.containerId() == null && m.state() != ServiceState.ZOMBIE) {
            ServiceInstance s = new ServiceInstance(name, this, actor);
            services.put(name, s);
            s.restoreRestarts(m.restarts());
            s.resumeInterrupted(d, m.image(), m.state());
            return;
        }
        if (container == null) {
            events.log(name, info("Container of service is gone; dropping it"));
            store.delete(name);
            events.serviceGone(name);
            return;
        }
        ServiceInstance s = new ServiceInstance(name, this, actor);
        services.put(name, s);
        s.restoreRestarts(m.restarts());
        if (m.state() == ServiceState.GIVEN_UP) {
            if (container.running()) {
                backend.stop(container.id(), java.time.Duration.ofSeconds(3));
            }
            s.adoptGivenUp(d, m.image(), container.id());
        } else if (container.running()) {
            s.adoptRunning(d, m.image(), container.id(), container.startedAt());
        } else {
            s.adoptStopped(d, m.image(), container.id());
        }
    }

    // ---- heartbeats ---------------------------------------------------------------------------------------------

    /**
     * Reports every service's heartbeat: running ones with a resource sample (taken on a small pool of its own),
     * waiting and dead ones with their state, so that a crash loop or a zombie is visible in scans.
     *
     * <p>Each heartbeat is published from the service's serial executor, and only if the instance is still the
     * registered one, not gone, and (for a sample) still runs the sampled container: a stop runs on that executor
     * too and clears the persisted heartbeat there, so a sample taken before the stop can never publish after the
     * clear and bring the service back in scans.
     */
    public void publishServiceHeartbeats() {
        for (ServiceInstance s : services.values()) {
            String id = s.containerId();
            Deployment d = s.deployment();
            if (d == null || s.state() == ServiceState.BOOTING) {
                continue;
            }
            if (s.state() != ServiceState.RUNNING || id == null) {
                actor(s.name()).execute(() -> {
                    if (current(s) && s.state() != ServiceState.RUNNING && s.state() != ServiceState.BOOTING) {
                        lastStats.remove(s.name());
                        events.serviceHeartbeat(heartbeat(s, s.deployment(), noStats(), s.stateDetail()));
                    }
                });
                continue;
            }
            if (!sampling.add(s.name())) {
                continue; // the previous sample is still being taken or published: skip a beat rather than queue up
            }
            try {
                stats.execute(() -> sample(s, id));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                sampling.remove(s.name()); // closing
            }
        }
    }

    /** Takes one sample of {@code id} (on the stats pool) and publishes it from the service's serial executor. */
    private void sample(ServiceInstance s, String id) {
        ResourceStats st;
        try {
            st = backend.stats(id);
        } catch (BackendException | IllegalStateException e) {
            LOG.debug("No stats for {}: {}", s.name(), e.getMessage());
            sampling.remove(s.name());
            return;
        } catch (RuntimeException | Error e) {
            sampling.remove(s.name());
            throw e;
        }
        actor(s.name()).execute(() -> {
            try {
                if (current(s) && s.state() == ServiceState.RUNNING && id.equals(s.containerId())) {
                    lastStats.put(s.name(), st);
                    events.serviceHeartbeat(heartbeat(s, s.deployment(), st, ""));
                }
            } finally {
                sampling.remove(s.name());
            }
        });
    }

    /** True while {@code s} is the registered, live instance of its name; read on its serial executor. */
    private boolean current(ServiceInstance s) {
        return !s.isGone() && services.get(s.name()) == s && s.deployment() != null;
    }

    private ServiceHeartbeat heartbeat(ServiceInstance s, Deployment d, ResourceStats st, String state) {
        ServiceInstance.Report r = s.report();
        return new ServiceHeartbeat(spawnpointPath, s.name(), System.currentTimeMillis() * 1_000_000L, d.memMiB(),
                d.cpuShares(), st.memUsageMiB(), st.networkRxMiB(), st.networkTxMiB(), st.mbRead(), st.mbWritten(),
                st.cpuPercent(), d.config().toYamlWithoutEntity(), state, r.health(), r.healthDetail(), r.restarts(),
                r.startedAtNanos());
    }

    private static ResourceStats noStats() {
        return new ResourceStats(java.time.Instant.now(), 0, 0, 0, 0, 0, 0);
    }

    /** Current services and their states (a copy), for tests and logs. */
    public Map<String, ServiceState> states() {
        Map<String, ServiceState> out = new HashMap<>();
        services.forEach((k, v) -> out.put(k, v.state()));
        return out;
    }

    /** The container of {@code name}, running or dead, if it has one. */
    public java.util.Optional<String> containerOf(String name) {
        ServiceInstance s = services.get(name);
        return java.util.Optional.ofNullable(s == null ? null : s.containerId());
    }

    /** The containers of every service that has one (running or stopped), for tests and shutdown. */
    public List<String> runningContainers() {
        List<String> ids = new ArrayList<>();
        services.values().forEach(s -> {
            if (s.containerId() != null) {
                ids.add(s.containerId());
            }
        });
        return ids;
    }

    /** Runs {@code task} after everything already queued for {@code name}; for tests that need a barrier. */
    public void awaitIdle(String name, long timeoutMillis) throws InterruptedException {
        CountDownLatch l = new CountDownLatch(1);
        actor(name).execute(l::countDown);
        if (!l.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("service " + name + " still busy after " + timeoutMillis + " ms");
        }
    }

    // ---- context ------------------------------------------------------------------------------------------------

    /**
     * The service's lifecycle executor: its tasks run one at a time, in order, on the shared workers. Guava's
     * sequential executor (on the classpath through docker-java) does the ordering; a task that fails is logged here
     * (Guava would log through java.util.logging, which spawnd does not configure) and the next one runs.
     */
    private Executor actor(String name) {
        return actors.computeIfAbsent(name, n -> {
            Executor inOrder = MoreExecutors.newSequentialExecutor(workers);
            return task -> inOrder.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("Unexpected error in the lifecycle of service {}", n, e);
                }
            });
        });
    }

    private static String guessServiceName(String yaml) {
        if (yaml != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "(?m)^serviceName:[ \\t]*['\"]?([A-Za-z0-9][A-Za-z0-9_.-]{0,199})['\"]?[ \\t]*$")
                    .matcher(yaml);
            if (m.find()) {
                return m.group(1);
            }
        }
        return "";
    }

    @Override public ServiceBackend backend() { return backend; }
    @Override public ResourcePool pool() { return pool; }
    @Override public ManifestStore store() { return store; }
    @Override public DaemonEvents events() { return events; }
    @Override public ScheduledExecutorService timers() { return timers; }
    @Override public CrashBackoff backoff() { return backoff; }
    @Override public java.util.concurrent.Executor probes() { return probes; }

    /** Publishes {@code instance}'s heartbeat now, with its last resource sample if it runs. */
    @Override
    public void changed(ServiceInstance instance) {
        Deployment d = instance.deployment();
        if (d == null || instance.isGone()) {
            return;
        }
        boolean running = instance.state() == ServiceState.RUNNING;
        ResourceStats st = running ? lastStats.getOrDefault(instance.name(), noStats()) : noStats();
        events.serviceHeartbeat(heartbeat(instance, d, st, running ? "" : instance.stateDetail()));
    }

    /** Publishes {@code instance}'s first heartbeat after a (re)start, before any resource sample. */
    @Override
    public void started(ServiceInstance instance) {
        Deployment d = instance.deployment();
        if (d != null) {
            lastStats.remove(instance.name());
            events.serviceHeartbeat(heartbeat(instance, d, noStats(), ""));
        }
    }

    /** Drops {@code instance} from the registry if it is still the registered one. */
    @Override
    public void forget(ServiceInstance instance) {
        services.remove(instance.name(), instance);
        lastStats.remove(instance.name());
    }

    /**
     * Stops timers and workers; containers keep running (a restarted spawnd re-adopts them). A lifecycle step under
     * way ends (or fails on the interrupt) before this returns, so nothing writes to the state directory after it.
     */
    @Override
    public void close() {
        timers.shutdownNow();
        stats.shutdownNow();
        probes.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)
                    || !stats.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("Lifecycle work still under way {} s after close", CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
