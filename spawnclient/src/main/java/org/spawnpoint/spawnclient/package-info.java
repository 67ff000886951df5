/**
 * The JVM library for talking to spawnpoints over BOSSWAVE: scan, inspect, deploy, restart, stop and follow logs.
 * The entry point is {@link org.spawnpoint.spawnclient.SpawnClients}, which makes a
 * {@link org.spawnpoint.spawnclient.SpawnClient} over a connection the caller owns or over one of its own; what
 * the client returns ({@link org.spawnpoint.spawnclient.Spawnpoint}, {@link org.spawnpoint.spawnclient.ServiceInfo},
 * {@link org.spawnpoint.spawnclient.Outcome}, ...) is public too. spawnctl is built on it.
 */
package org.spawnpoint.spawnclient;
