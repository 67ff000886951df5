package org.spawnpoint.spawnclient.model;

/**
 * How much one service may ask of a spawnpoint. Each spawnd sets its own limits in its daemon config (keys
 * {@code maxVolumes}, {@code maxIncludedFiles}, {@code maxIncludedBytes}, with the defaults below) and refuses a deploy
 * beyond them; the client checks the ceilings, which no spawnd may exceed, before it reads or sends anything.
 */
public final class DeployLimits {
    /** Default of the daemon config key {@code maxVolumes}. */
    public static final int DEFAULT_MAX_VOLUMES = 16;
    /** Ceiling of {@code maxVolumes}, checked by the client. */
    public static final int MAX_VOLUMES = 64;
    /** Default of the daemon config key {@code maxIncludedFiles} (files and directories of the include tar). */
    public static final int DEFAULT_MAX_INCLUDED_FILES = 1_000;
    /** Ceiling of {@code maxIncludedFiles}, checked by the client. */
    public static final int MAX_INCLUDED_FILES = 10_000;
    /** Ceiling of {@code maxIncludedBytes} (the include tar): its base64 must fit one frame with room to spare. */
    public static final long MAX_INCLUDED_BYTES = 32L << 20;
    /** Default of the daemon config key {@code maxIncludedBytes}. */
    public static final long DEFAULT_MAX_INCLUDED_BYTES = MAX_INCLUDED_BYTES;

    private DeployLimits() {
    }
}
