package org.spawnpoint.bosswave.router.internal;

import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/** The reply shapes of bosswave-oob.md §2.1, kv order as the bw2 router writes them. */
final class Replies {
    private Replies() {
    }

    /** {@code resp okay finished=true} encoded once with seqno 0, for {@link SessionOutput#sendShared}. */
    static final byte[] OKAY_FINISHED = FrameCodec.encode(okay(0, true).build());

    static Frame.Builder okay(long seqNo, boolean finished) {
        return Frame.builder(Commands.RESPONSE, seqNo).kv("status", "okay").kv("finished", finished);
    }

    static Frame error(long seqNo, int code, String reason) {
        return Frame.builder(Commands.RESPONSE, seqNo).kv("status", "error").kv("reason", reason)
                .kv("code", Integer.toString(code)).kv("finished", true).build();
    }

    static Frame finished(long seqNo) {
        return Frame.builder(Commands.RESULT, seqNo).kv("finished", true).build();
    }
}
