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

    /**
     * The service's container has just (re)started: its first heartbeat goes out now, ahead of the success message
     * (one publish queue), so a client that saw the success finds the service (spawnctl tail, logs, restart).
     */
    void started(ServiceInstance instance);

    /** Removes a gone instance from the registry (only if it is still the registered one). */
    void forget(ServiceInstance instance);
}
