/**
 * Helpers for code running inside a Spawnpoint service container (the Go package {@code spawnable}). The entry point
 * is {@link org.spawnpoint.spawnable.Spawnable}: parameter files ({@link org.spawnpoint.spawnable.Params}), the
 * BOSSWAVE connection spawnd prepares, service and interface registration, and metadata merged newer-wins
 * ({@link org.spawnpoint.spawnable.MetadataPublisher}); {@link org.spawnpoint.spawnable.Backoff} retries what may
 * pass, such as an agent that is still starting.
 */
package org.spawnpoint.spawnable;
