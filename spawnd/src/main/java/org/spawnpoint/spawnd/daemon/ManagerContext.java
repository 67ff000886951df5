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

    /** Removes a gone instance from the registry (only if it is still the registered one). */
    void forget(ServiceInstance instance);
}
