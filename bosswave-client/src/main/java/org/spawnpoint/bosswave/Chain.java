package org.spawnpoint.bosswave;

/** One chain found by {@link BosswaveClient#buildChain}: hash (b64), permissions, URI and the DChain bytes. */
public record Chain(String hash, String permissions, String uri, byte[] content) {
}
