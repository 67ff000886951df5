package org.spawnpoint.spawnd.daemon;

import java.util.concurrent.ScheduledExecutorService;
import org.spawnpoint.spawnd.backend.ServiceBackend;

/** What every {@link ServiceInstance} shares, handed out by the {@link ServiceManager}. */
interface ManagerContext {
    ServiceBackend backend();

    ResourcePool pool();

    ManifestStore store();

    DaemonEvents events();

    ScheduledExecutorService timers();

    CrashBackoff backoff();

    /** Where health checks run: a small fixed pool, at most one check per service in flight. */
    java.util.concurrent.Executor probes();

    /** The service's state or health changed: its heartbeat goes out now rather than at the next beat. */
    void changed(ServiceInstance instance);

    /**
     * The service's container has just (re)started: its first heartbeat goes out now, ahead of the success message
     * (one publish queue), so a client that saw the success finds the service (spawnctl tail, logs, restart).
     */
    void started(ServiceInstance instance);

    /** Removes a gone instance from the registry (only if it is still the registered one). */
    void forget(ServiceInstance instance);
}
