/**
 * {@code spawnctl}, the command line that scans, inspects, deploys, restarts, stops and tails services on
 * spawnpoints. The entry point is {@link org.spawnpoint.spawnctl.SpawnCtl#main}; each subcommand is a picocli
 * {@code Callable<Integer>} of its own ({@code ScanCommand}, {@code DeployCommand}, ...) returning one of
 * {@link org.spawnpoint.spawnctl.ExitCodes}. Everything it says to the bus goes through the spawnclient library.
 */
package org.spawnpoint.spawnctl;
