/**
 * The spawnd program: {@link org.spawnpoint.spawnd.SpawndMain} is the entry point ({@code spawnd run},
 * {@code spawnd decommission}); {@link org.spawnpoint.spawnd.DaemonConfig} reads and checks the config file, and
 * {@link org.spawnpoint.spawnd.Daemon} is a running spawnpoint: the BOSSWAVE side (slots, heartbeats, metadata,
 * logs) around the service manager, with the router embedded when the config asks for it.
 */
package org.spawnpoint.spawnd;
