/**
 * The services of one spawnpoint: deploy planning and admission ({@code Deployment}, {@code ConfigAdmission}), each
 * service's lifecycle on its own sequential executor ({@code ServiceManager}, {@code ServiceInstance}), the memory
 * and CPU pools, the manifests persisted for recovery, crash backoff, sealed-entity keys, and the publisher that
 * puts events and heartbeats on the bus. It reaches the engine only through
 * {@link org.spawnpoint.spawnd.backend.ServiceBackend}; its types are public for {@link org.spawnpoint.spawnd.Daemon}
 * and tests, not as an API.
 */
package org.spawnpoint.spawnd.daemon;
