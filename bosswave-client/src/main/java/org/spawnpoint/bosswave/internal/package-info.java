/**
 * The client implementation (not API): one socket per client with a reader thread, pending requests with deadlines,
 * liveness probes, reconnection with resubscription, the command frames bw2bind sends, metadata and services. Used only
 * by this module (ClientArchitectureTest, and the other modules' architecture tests).
 */
package org.spawnpoint.bosswave.internal;
