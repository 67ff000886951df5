package org.spawnpoint.bosswave.wire;

/**
 * Upper bounds on what the decoder accepts from a peer. The OOB syntax has none (32-bit lengths), so a peer could
 * otherwise make us allocate 4 GiB per field.
 *
 * @param maxFrameBytes body bytes after the header, fields and terminator included
 * @param maxFields     kv + ro + po lines per frame
 * @param maxFieldBytes length of one kv value, ro or po content
 * @param maxLineBytes  length of one field line ({@code kv <key> <len>})
 */
public record FrameLimits(int maxFrameBytes, int maxFields, int maxFieldBytes, int maxLineBytes) {

    public static final FrameLimits DEFAULT = new FrameLimits(64 << 20, 10_000, 64 << 20, 1024);

    public FrameLimits {
        if (maxFrameBytes < 4 || maxFields < 0 || maxFieldBytes < 0 || maxLineBytes < 8) {
            throw new IllegalArgumentException("frame limits must be positive: " + maxFrameBytes + "/" + maxFields
                    + "/" + maxFieldBytes + "/" + maxLineBytes);
        }
    }
}
