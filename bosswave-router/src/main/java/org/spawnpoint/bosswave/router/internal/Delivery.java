package org.spawnpoint.bosswave.router.internal;

import org.spawnpoint.bosswave.payload.PayloadObject;
import org.spawnpoint.bosswave.payload.PoNum;
import org.spawnpoint.bosswave.router.internal.objects.Crypto;
import org.spawnpoint.bosswave.router.internal.objects.SignedMessage;
import org.spawnpoint.bosswave.wire.Commands;
import org.spawnpoint.bosswave.wire.Frame;
import org.spawnpoint.bosswave.wire.FrameCodec;

/**
 * A message on its way to subscribers or a query: its {@code rslt} frames (bosswave-oob.md §2.4, §7.3) are made
 * once with seqno 0 and shared by every recipient, whose writer patches in the seqno; the unpacked one is written
 * straight into each recipient's output buffer ({@link SessionOutput#sendResult}), made into an array only if needed.
 */
final class Delivery {
    private final SignedMessage message;
    private final byte[] from;
    private final byte[] uri;
    private final boolean signed;
    private volatile ResultEncoder.Result unpackedResult;
    private volatile byte[] unpacked;
    private volatile byte[] packed;

    /**
     * @param signed whether unpacked results carry {@code umid} and {@code signature} (signing the message if it is
     *               not yet); they always do when the message is signed already, which costs nothing
     */
    Delivery(SignedMessage message, String originVkB64, String uri, boolean signed) {
        this(message, ResultEncoder.utf8(originVkB64), ResultEncoder.utf8(uri), signed);
    }

    /** As above with the origin's b64 VK and the URI in UTF-8 (shared, not copied: a publisher's are the same). */
    Delivery(SignedMessage message, byte[] originVkB64, byte[] uri, boolean signed) {
        this.message = message;
        this.signed = signed;
        this.from = originVkB64;
        this.uri = uri;
    }

    SignedMessage message() {
        return message;
    }

    /**
     * The unpacked result, made once: every recipient and {@link #frame} use this one, so that its bytes never change
     * (the form depends on whether the message is signed by then).
     */
    ResultEncoder.Result unpacked() {
        ResultEncoder.Result r = unpackedResult;
        if (r == null) {
            synchronized (this) {
                r = unpackedResult;
                if (r == null) {
                    r = unpackedResult();
                    unpackedResult = r;
                }
            }
        }
        return r;
    }

    byte[] frame(boolean unpack) {
        if (unpack) {
            byte[] f = unpacked;
            if (f == null) {
                f = ResultEncoder.toArray(unpacked());
                unpacked = f;
            }
            return f;
        }
        byte[] f = packed;
        if (f == null) {
            f = FrameCodec.encode(Frame.builder(Commands.RESULT, 0).kv("finished", false)
                    .po(new PayloadObject(PoNum.PACKED_MESSAGE, message.encodedShared())).build());
            packed = f;
        }
        return f;
    }

    /**
     * kv finished, umid, signature, from, uri; then every RO; then every PO, in message order. Without a signature
     * (router 2.4.15's form), umid and signature are left out.
     */
    private ResultEncoder.Result unpackedResult() {
        if (signed || message.isSigned()) {
            return ResultEncoder.result(message.umid(), Crypto.b64(message.signature()), from, uri, message.ros(),
                    message.pos());
        }
        return ResultEncoder.result(null, null, from, uri, message.ros(), message.pos());
    }
}
