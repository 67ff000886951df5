/**
 * {@code bw2} as bin/bw2 runs it ({@link org.spawnpoint.bosswave.tools.Bw2}): the router's command line with {@code
 * --agent} reaching a running router through the client. Above both modules, using only their public APIs
 * (ToolsArchitectureTest).
 */
package org.spawnpoint.bosswave.tools;
