/**
 * The BOSSWAVE router: {@link org.spawnpoint.bosswave.router.Router#start} with a {@link
 * org.spawnpoint.bosswave.router.RouterConfig} (embedded, as spawnd does), or {@code bw2} ({@link
 * org.spawnpoint.bosswave.router.RouterMain}: {@code router}, {@code init} and the local-registry tools). {@link
 * org.spawnpoint.bosswave.router.RemoteRegistry} is the seam through which bosswave-tools adds {@code --agent}; the router
 * itself uses bosswave-wire, never the client, and nothing of Spawnpoint (RouterArchitectureTest).
 */
package org.spawnpoint.bosswave.router;
