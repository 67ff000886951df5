/**
 * The container engine as spawnd sees it: the small {@link org.spawnpoint.spawnd.backend.ServiceBackend} interface
 * and the values it takes and gives (image and container specs, owned containers, exits, resource samples, output
 * lines, events). Every object a backend makes carries {@link org.spawnpoint.spawnd.backend.Labels} and it acts on
 * nothing else. The daemon's unit tests use an in-memory implementation; the real one is in {@code backend.docker}.
 */
package org.spawnpoint.spawnd.backend;
