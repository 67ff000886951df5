package org.spawnpoint.bosswave;

/** A DOT made by the agent: its hash (b64) and the DOT body (without the file's leading {@code 0x20}). */
public record CreatedDot(String hash, byte[] dot) {
}
