/**
 * The OOB frame codec (bosswave-oob.md): {@link org.spawnpoint.bosswave.wire.Frame} and its builder,
 * {@link org.spawnpoint.bosswave.wire.FrameCodec} (encode, decode one frame), {@link
 * org.spawnpoint.bosswave.wire.FrameReader} (frames from a stream, bounded by {@link
 * org.spawnpoint.bosswave.wire.FrameLimits} and a shared {@link org.spawnpoint.bosswave.wire.FrameBudget} before anything
 * is allocated), the command codes and the build version. Pure: no sockets, threads or YAML (WireArchitectureTest);
 * it uses {@code org.spawnpoint.bosswave.payload} and nothing above.
 */
package org.spawnpoint.bosswave.wire;
